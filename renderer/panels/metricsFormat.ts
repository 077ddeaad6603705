/** Numbers for the metrics panel: fixed digits, '—' for what is not known. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  // Small but not zero (one edit's VI on a large volume): keep what would round to 0.000.
  if (digits > 0 && value !== 0 && Math.abs(value) < 10 ** -digits) return value.toExponential(1);
  return value.toFixed(digits);
}

/** A length in nm as µm (ERL is thousands of nm). */
export function formatMicrons(nm: number | null | undefined): string {
  if (nm === null || nm === undefined || Number.isNaN(nm)) return '—';
  return `${(nm / 1000).toFixed(2)} µm`;
}

const COUNTS = new Intl.NumberFormat('en-US');

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : COUNTS.format(n);
}

/** The last part of a path spec, `dir/file.h5:ds` -> `file.h5:ds`. */
export function shortSpec(spec: string): string {
  return spec.split(/[\\/]/).at(-1) ?? spec;
}
