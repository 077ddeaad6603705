import { useState } from 'react';
import type { TodoEntry } from '../../shared/api/metricsTypes';
import type { MetricsController } from '../controller/metrics';
import { useAppStore } from '../state/hooks';

function TodoRow({ item, controller }: { item: TodoEntry; controller: MetricsController }) {
  const open = item.status === 'open';
  return (
    <li className={`todo-item ${item.status}`} data-testid={`todo-item-${item.id}`}>
      <button
        type="button"
        className="todo-main"
        onClick={() => controller.showTodoItem(item)}
        title="select its segments and jump there"
        data-testid={`todo-jump-${item.id}`}
      >
        <span className="todo-rank">{item.rank}</span>
        <span className={`todo-kind ${item.kind}`}>{item.kind === 'split' ? 'join?' : 'cut?'}</span>
        <span className="todo-score">{item.score.toFixed(2)}</span>
        <span className="todo-reason">{item.reason}</span>
        <span className="todo-ids muted">{item.segmentIds.join(' + ')}</span>
      </button>
      <span className="todo-actions">
        {open ? (
          <>
            <button
              type="button"
              onClick={() => void controller.setTodoStatus(item, 'fixed')}
              data-testid={`todo-fixed-${item.id}`}
            >
              Fixed
            </button>
            <button
              type="button"
              onClick={() => void controller.setTodoStatus(item, 'false-alarm')}
              data-testid={`todo-false-${item.id}`}
            >
              False alarm
            </button>
          </>
        ) : (
          <>
            <span className="muted">{item.status === 'fixed' ? 'fixed' : 'false alarm'}</span>
            <button
              type="button"
              className="link"
              onClick={() => void controller.setTodoStatus(item, 'open')}
            >
              reopen
            </button>
          </>
        )}
      </span>
    </li>
  );
}

/**
 * The ranked to-do list of likely errors: 'join?' items are segments that should be one (a false
 * split), 'cut?' items a segment that looks like two fused (a false merge). Click to go there.
 */
export function TodoPanel({ controller }: { controller: MetricsController }) {
  const todo = useAppStore((s) => s.todo);
  const running = useAppStore((s) => Object.values(s.tasks).some((t) => t.taskId.startsWith('todo-')));
  const [openOnly, setOpenOnly] = useState(false);
  const items = (todo?.items ?? []).filter((e) => !openOnly || e.status === 'open');
  return (
    <div className="todo-panel" data-testid="todo-panel">
      <div className="panel-heading">
        <span data-testid="todo-count">{todo ? `${todo.open} open of ${todo.items.length}` : 'To-do'}</span>
        <span className="panel-actions">
          <button
            type="button"
            className="link"
            disabled={running}
            onClick={() => void controller.computeTodo()}
            data-testid="todo-compute"
          >
            {running ? 'searching…' : 'find again'}
          </button>
        </span>
      </div>
      <label className="skeleton-toggle">
        <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
        open items only
      </label>
      <ul className="todo-list" data-testid="todo-list">
        {items.map((item) => (
          <TodoRow key={item.id} item={item} controller={controller} />
        ))}
        {items.length === 0 && (
          <li className="hint muted">{running || !todo ? 'Looking for likely errors…' : 'Nothing to do'}</li>
        )}
      </ul>
    </div>
  );
}
