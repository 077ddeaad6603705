import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cancelTask } from '../controller/session';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';

/** Tasks shorter than this never show a bar: a quick edit or mesh does not flash one. */
export const PROGRESS_DELAY_MS = 250;

/** The most recent long task: label, fraction (or an indeterminate bar) and Cancel. */
export function ProgressBar() {
  const { store, backend } = useServices();
  const all = useAppStore(
    useShallow((s) => Object.values(s.tasks).sort((a, b) => b.startedAt - a.startedAt)),
  );
  const [now, setNow] = useState(() => Date.now());
  // Wake up when the oldest task not shown yet has run long enough to be.
  const due = Math.min(...all.map((t) => t.startedAt + PROGRESS_DELAY_MS).filter((at) => at > now));
  useEffect(() => {
    if (!Number.isFinite(due)) return;
    const timer = setTimeout(() => setNow(Date.now()), due - Date.now());
    return () => clearTimeout(timer);
  }, [due]);
  const tasks = all.filter((t) => t.startedAt + PROGRESS_DELAY_MS <= now);
  const task = tasks[0];
  if (!task) return null;
  const fraction = task.total > 0 ? Math.min(1, task.done / task.total) : null;
  return (
    <div
      className="progress"
      data-testid="progress-bar"
      role="progressbar"
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
    >
      <span className="progress-label" data-testid="progress-label">
        {task.label}
        {tasks.length > 1 ? ` (+${tasks.length - 1} more)` : ''}
      </span>
      <span className={fraction === null ? 'progress-track indeterminate' : 'progress-track'}>
        <span
          className="progress-fill"
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </span>
      <span className="progress-value">{fraction === null ? '' : `${Math.round(fraction * 100)}%`}</span>
      <button
        type="button"
        data-testid="progress-cancel"
        onClick={() => void cancelTask(store, backend, task.taskId)}
      >
        Cancel
      </button>
    </div>
  );
}
