/**
 * Main-thread milliseconds of each slice redraw that shows a new slice: compositing EM + labels
 * (and what listens to it, the 3D plane's texture) plus drawing the 2D view on the next frame.
 * Kept for `npm run bench` to read through window.__axon. Bounded ring.
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
