import { useEffect, useRef, useState, type FormEvent } from 'react';
import { openVolumes } from '../controller/session';
import { messageOf } from '../controller/taskIds';
import { useServices } from '../services';

/** Asks for an image and a segmentation (PATH[:DATASET] each) and opens them. */
export function OpenDialog({ onClose }: { onClose: () => void }) {
  const { store, backend } = useServices();
  const current = store.getState().session;
  const spec = (v: { path: string; dataset: string } | undefined) =>
    v && v.path !== 'demo' ? (v.dataset ? `${v.path}:${v.dataset}` : v.path) : '';
  const [image, setImage] = useState(spec(current?.image));
  const [segmentation, setSegmentation] = useState(spec(current?.segmentation));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const request =
      image.trim() || segmentation.trim() ? { image: image.trim(), segmentation: segmentation.trim() } : {};
    openVolumes(store, backend, request).then(
      () => onClose(),
      (err: unknown) => {
        const message = messageOf(err);
        setError(message);
        setBusy(false);
        store.getState().pushError(`Could not open: ${message}`);
      },
    );
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}>
      <form className="dialog" data-testid="open-dialog" onSubmit={submit} aria-label="Open volumes">
        <h2>Open volumes</h2>
        <p className="muted">
          HDF5, Zarr, N5, TIFF or NumPy files, as PATH[:DATASET]. Leave both empty for the demo.
        </p>
        <label>
          EM image
          <input
            ref={first}
            data-testid="open-image"
            value={image}
            placeholder="/data/train.h5:raw"
            spellCheck={false}
            onChange={(e) => setImage(e.target.value)}
          />
        </label>
        <label>
          Segmentation
          <input
            data-testid="open-segmentation"
            value={segmentation}
            placeholder="/data/seg.h5:stack"
            spellCheck={false}
            onChange={(e) => setSegmentation(e.target.value)}
          />
        </label>
        {error && (
          <div className="dialog-error" data-testid="open-error" role="alert">
            {error}
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="open-submit" disabled={busy}>
            {busy ? 'Opening…' : 'Open'}
          </button>
        </div>
      </form>
    </div>
  );
}
