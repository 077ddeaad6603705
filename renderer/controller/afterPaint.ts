/**
 * Run `work` once the next frame has been drawn and presented (in the task after the frame that
 * follows it), so that what an edit changes on screen is painted before the panels that follow it
 * (history, segment list, metrics) fetch and re-render. Where there are no frames (a worker,
 * Node) it runs in the next task. Returns a function that cancels it.
 */
export function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function') {
    timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  let frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(() => {
      timer = setTimeout(work, 0);
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
