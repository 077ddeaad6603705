/**
 * Main-thread milliseconds of each slice redraw (composite EM + labels, draw the 2D view, update
 * the 3D texture), kept for `npm run bench` to read through window.__axon. Bounded ring.
 */
const LIMIT = 1000;
const redraws: number[] = [];

export function recordRedraw(ms: number): void {
  redraws.push(ms);
  if (redraws.length > LIMIT) redraws.shift();
}

export function redrawTimings(): number[] {
  return redraws.slice();
}
