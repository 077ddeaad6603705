/**
 * The renderer main thread's work from a Chrome trace (CDP Tracing), split at a
 * performance.mark() the page sets: what ran before the mark and what ran after it. CDP's
 * Performance metrics are cumulative counters read over the wire, so work the page does right
 * after the mark can land on either side of a read; trace events carry their own timestamps.
 * Work is the main thread's CPU time in those events (the trace's thread duration, `tdur`); their
 * wall-clock length (`dur`) also counts the time the thread waited for a core, which on a loaded
 * machine can double it, and is reported beside it.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of an 'X' event, µs. */
  readonly tdur?: number;
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
  /** JavaScript (and its garbage collection) before the mark: the main thread's CPU ms. */
  readonly scriptBefore: number;
  readonly scriptAfter: number;
  /** The same events' wall-clock ms before the mark (includes waiting for a core). */
  readonly scriptBeforeWall: number;
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

const wallSpans = (events: readonly TraceEvent[]): [number, number][] =>
  events.map((e) => [e.ts, e.ts + e.dur!]);

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

/**
 * CPU µs of the outermost of `events` (nested ones are part of their parent's thread time),
 * clipped to [from, to): an event crossing a bound counts the share of its wall time inside.
 */
function threadTime(events: readonly TraceEvent[], from: number, to: number): number {
  let total = 0;
  let end = -Infinity;
  for (const e of [...events].sort((x, y) => x.ts - y.ts)) {
    const stop = e.ts + e.dur!;
    if (stop <= end) continue; // nested in the previous outermost event
    end = stop;
    const inside = Math.min(stop, to) - Math.max(e.ts, from);
    if (inside > 0) total += (e.tdur ?? e.dur!) * (inside / e.dur!);
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
  const script = own.filter((e) => e.ph === 'X' && e.dur && SCRIPT_EVENTS.has(e.name));
  const tasks = own.filter(
    (e) => e.ph === 'X' && e.dur && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
  );
  return {
    scriptBefore: threadTime(script, -Infinity, at) / 1000,
    scriptAfter: threadTime(script, at, Infinity) / 1000,
    scriptBeforeWall: unionLength(wallSpans(script), -Infinity, at) / 1000,
    tasksBefore: threadTime(tasks, -Infinity, at) / 1000,
  };
}
