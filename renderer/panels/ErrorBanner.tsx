import { useServices } from '../services';
import { useAppStore } from '../state/hooks';

/** Errors stay on screen until dismissed: a failed open or mesh must not pass unnoticed. */
export function ErrorBanner() {
  const { store } = useServices();
  const errors = useAppStore((s) => s.errors);
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" data-testid="error-banner" role="alert">
      {errors.map((e) => (
        <div className="error-item" key={e.id}>
          <span className="error-icon">!</span>
          <span className="error-message" data-testid="error-message">
            {e.message}
          </span>
          <button
            type="button"
            className="error-dismiss"
            data-testid="error-dismiss"
            aria-label="Dismiss"
            onClick={() => store.getState().dismissError(e.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
