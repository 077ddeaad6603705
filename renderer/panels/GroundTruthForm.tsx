import { useState, type FormEvent } from 'react';
import { messageOf } from '../controller/taskIds';
import type { MetricsController } from '../controller/metrics';

/** Name a ground truth (`PATH[:DATASET]`) and optionally its skeletons (SWC file or folder). */
export function GroundTruthForm({
  controller,
  onDone,
}: {
  controller: MetricsController;
  onDone: () => void;
}) {
  const [groundTruth, setGroundTruth] = useState('');
  const [skeletons, setSkeletons] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    controller
      .loadGroundTruth(groundTruth.trim(), skeletons.trim())
      .then(onDone)
      .catch((err: unknown) => setError(messageOf(err)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="gt-form" onSubmit={submit} data-testid="gt-form">
      <input
        className="search"
        placeholder="groundtruth.h5:stack"
        value={groundTruth}
        onChange={(e) => setGroundTruth(e.target.value)}
        data-testid="gt-path"
        required
      />
      <input
        className="search"
        placeholder="skeletons/ or file.swc (optional)"
        value={skeletons}
        onChange={(e) => setSkeletons(e.target.value)}
        data-testid="gt-skeletons"
      />
      {error && (
        <p className="gt-error" data-testid="gt-error">
          {error}
        </p>
      )}
      <div className="gt-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || !groundTruth.trim()}>
          Load
        </button>
      </div>
    </form>
  );
}
