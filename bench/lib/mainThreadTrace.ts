/**
 * The renderer main thread's work from a Chrome trace (CDP Tracing), split at a
 * performance.mark() the page sets: what ran before the mark and what ran after it. CDP's
 * Performance metrics are cumulative counters read over the wire, so work the page does right
 * after the mark can land on either side of a read; trace events carry their own timestamps.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** Trace events that run JavaScript (nested ones overlap; their union is counted). */
const SCRIPT_EVENTS = new Set([
  'FunctionCall',
  'EventDispatch',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'RunMicrotasks',
  'EvaluateScript',
  'v8.compile',
  'V8.GCScavenger',
  'MajorGC',
  'MinorGC',
]);

export interface MainThreadSplit {
  /** JavaScript (and its garbage collection) before the mark, ms. */
  readonly scriptBefore: number;
  readonly scriptAfter: number;
  /** Every task before the mark (rendering, software GL, ...), ms. */
  readonly tasksBefore: number;
}

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,blink.user_timing,v8',
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
    return events;
  };
}

/** Length (µs) of the union of intervals, clipped to [from, to). */
function unionLength(intervals: [number, number][], from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** Main-thread work before and after the first `mark` on the page's main thread. */
export function splitAtMark(events: readonly TraceEvent[], mark: string): MainThreadSplit {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('the trace has no renderer main thread');
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const at = own.find((e) => e.name === mark)?.ts;
  if (at === undefined) throw new Error(`the trace has no mark '${mark}'`);
  const spans = (names: (name: string) => boolean): [number, number][] =>
    own.filter((e) => e.ph === 'X' && e.dur && names(e.name)).map((e) => [e.ts, e.ts + e.dur!]);
  const script = spans((n) => SCRIPT_EVENTS.has(n));
  const tasks = spans((n) => n === 'RunTask' || n === 'ThreadControllerImpl::RunTask');
  return {
    scriptBefore: unionLength(script, -Infinity, at) / 1000,
    scriptAfter: unionLength(script, at, Infinity) / 1000,
    tasksBefore: unionLength(tasks, -Infinity, at) / 1000,
  };
}
