/**
 * Volume specs name a dataset inside a container file the way FFN does: `PATH[:DATASET]`, e.g.
 * `train/image.h5:raw`, `C:\data\seg.h5:volumes/labels`, `stack.zarr:labels/s0`, `seg-0_0_0.npz`.
 */
export interface VolumeSpec {
  readonly path: string;
  /** '' when the spec names none (the reader then picks a default). */
  readonly dataset: string;
}

/** Extensions of containers that can hold named datasets or are volumes themselves. */
const CONTAINER_EXT = /\.(h5|hdf5|hdf|he5|zarr|n5|npz|npy|tif|tiff)[\\/]*$/i;

/** A colon that belongs to a Windows drive (`C:\` or `C:/` at the very start) splits nothing. */
function isDriveColon(spec: string, i: number): boolean {
  return i === 1 && /^[A-Za-z]$/.test(spec[0] ?? '') && (spec.length === 2 || /[\\/]/.test(spec[2] ?? ''));
}

/**
 * Split a spec into path and dataset. Dataset names may contain slashes and paths may contain
 * colons, so the split is the last colon whose left part ends in a container extension; failing
 * that, the last colon. `exists` (a filesystem check, passed in by Node code) lets a path that
 * exists as a whole win over any split, so `/data/a:b/stack` stays one path.
 */
export function parseVolumeSpec(spec: string, exists?: (path: string) => boolean): VolumeSpec {
  const trimmed = spec.trim();
  if (exists?.(trimmed)) return { path: trimmed, dataset: '' };
  const colons: number[] = [];
  for (let i = 0; i < trimmed.length; i++)
    if (trimmed[i] === ':' && !isDriveColon(trimmed, i)) colons.push(i);
  if (colons.length === 0) return { path: trimmed, dataset: '' };
  const split = (i: number): VolumeSpec => ({
    path: trimmed.slice(0, i),
    dataset: normalizeDataset(trimmed.slice(i + 1)),
  });
  for (let k = colons.length - 1; k >= 0; k--) {
    const candidate = split(colons[k]!);
    if (CONTAINER_EXT.test(candidate.path) && (!exists || exists(candidate.path))) return candidate;
  }
  for (let k = colons.length - 1; k >= 0; k--) {
    const candidate = split(colons[k]!);
    if (exists?.(candidate.path)) return candidate;
  }
  return split(colons[colons.length - 1]!);
}

/** Dataset paths are compared without leading or trailing slashes (`/volumes/raw/` = `volumes/raw`). */
export function normalizeDataset(dataset: string): string {
  return dataset.trim().replace(/^\/+|\/+$/g, '');
}

export function formatVolumeSpec(spec: VolumeSpec): string {
  return spec.dataset ? `${spec.path}:${spec.dataset}` : spec.path;
}
