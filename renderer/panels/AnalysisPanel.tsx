import { useEffect, useState } from 'react';
import { MetricsController } from '../controller/metrics';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { MetricsPanel } from './MetricsPanel';
import { TodoPanel } from './TodoPanel';
import './analysis.css';

/** Third side panel: live metrics and the to-do list of likely errors, as two tabs. */
export function AnalysisPanel() {
  const { store, backend, readiness } = useServices();
  const [controller] = useState(
    () => new MetricsController(store, backend, () => readiness.firstSlicesDrawn()),
  );
  useEffect(() => controller.start(), [controller]);
  const tab = useAppStore((s) => s.analysisTab);
  const open = useAppStore((s) => s.todo?.open ?? 0);
  const select = (t: 'metrics' | 'todo') => store.getState().setAnalysisTab(t);
  return (
    <aside className="analysis-panel" data-testid="analysis-panel">
      <div className="analysis-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'metrics'}
          className={tab === 'metrics' ? 'active' : ''}
          onClick={() => select('metrics')}
          data-testid="tab-metrics"
        >
          Metrics
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'todo'}
          className={tab === 'todo' ? 'active' : ''}
          onClick={() => select('todo')}
          data-testid="tab-todo"
        >
          To-do {open > 0 && <span className="badge">{open}</span>}
        </button>
      </div>
      <div className="analysis-body">
        {tab === 'metrics' ? <MetricsPanel controller={controller} /> : <TodoPanel controller={controller} />}
      </div>
    </aside>
  );
}
