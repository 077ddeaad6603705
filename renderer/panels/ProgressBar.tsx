import { useShallow } from 'zustand/react/shallow';
import { cancelTask } from '../controller/session';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';

/**
 * The most recent task: label, fraction (or an indeterminate bar) and Cancel. The bar stays
 * invisible for its first 250 ms (`.progress` in styles.css: a CSS animation delay, so no timer
 * and no re-render), so a quick edit or mesh never flashes one.
 */
export function ProgressBar() {
  const { store, backend } = useServices();
  const all = useAppStore(
    useShallow((s) => Object.values(s.tasks).sort((a, b) => b.startedAt - a.startedAt)),
  );
  const task = all[0];
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
        {all.length > 1 ? ` (+${all.length - 1} more)` : ''}
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
