import type { SliceAxis, SliceData } from '../../shared/api/types';
import { watch, type AppState, type AppStore } from '../state/store';
import { AXIS_LAYOUT } from './sliceAxes';
import { sliceCrosses, type SliceCache } from './sliceCache';
import { tintPreview } from './previewTint';
import { compositeSlice, type OverlayStyle } from './sliceComposite';
import type { SegmentPalette } from './segmentPalette';

type OverlayInputs = readonly [AppState['view'], readonly string[], string | null, AppState['preview']];
const sameInputs = (a: OverlayInputs, b: OverlayInputs): boolean =>
  a[1] === b[1] &&
  a[2] === b[2] &&
  a[3] === b[3] &&
  a[0].opacity === b[0].opacity &&
  a[0].outlineOnly === b[0].outlineOnly &&
  a[0].hidden === b[0].hidden &&
  a[0].colors === b[0].colors;

/**
 * The current slice of one axis, composited (EM + segmentation) into an offscreen canvas once per
 * slice or overlay change. The 2D view draws it with its transform and the 3D view uses it as a
 * texture, so both show the same pixels and the work is done once.
 */
export class SliceLayer {
  readonly canvas = document.createElement('canvas');
  slice: SliceData | null = null;
  /** Milliseconds the last composite took (main-thread budget check). */
  lastComposeMs = 0;
  /** Counts composes, so that a view knows whether its draw shows a new one. */
  composeCount = 0;
  private imageData: ImageData | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly offs: (() => void)[] = [];
  private lastIndex = -1;
  private composeQueued = false;
  /** Counts requests: only the answer to the latest one is shown. */
  private requestSeq = 0;

  constructor(
    readonly axis: SliceAxis,
    private readonly store: AppStore,
    private readonly cache: SliceCache,
    private readonly palette: SegmentPalette,
  ) {
    const dim = AXIS_LAYOUT[axis].slice;
    this.offs.push(
      watch(
        store,
        (s) => s.sessionSeq,
        () => {
          this.slice = null;
          this.lastIndex = -1;
          this.request();
        },
      ),
      watch(
        store,
        (s) => (s.session ? s.view.position[dim] : -1),
        () => this.request(),
      ),
      watch(
        store,
        (s): OverlayInputs => [s.view, s.selection, s.hover?.id ?? null, s.preview],
        () => this.queueCompose(),
        sameInputs,
      ),
      // An edit changed labels here: load the slice again, showing the old one until it comes.
      cache.onInvalidate((box) => {
        if (sliceCrosses(axis, this.wantedIndex, box)) this.request();
      }),
    );
    this.request();
  }

  /** The slice index the crosshair asks for now. */
  get wantedIndex(): number {
    return this.store.getState().view.position[AXIS_LAYOUT[this.axis].slice];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    for (const off of this.offs) off();
    this.listeners.clear();
  }

  private request(): void {
    const { session } = this.store.getState();
    if (!session) return;
    const dim = AXIS_LAYOUT[this.axis].slice;
    const index = this.wantedIndex;
    const direction = index >= this.lastIndex ? 1 : -1;
    this.lastIndex = index;
    const seq = this.store.getState().sessionSeq;
    const request = ++this.requestSeq;
    const hit = this.cache.peek(this.axis, index);
    if (hit) this.show(hit);
    else {
      this.cache.load(this.axis, index).then(
        (slice) => {
          // Show it only if it answers the latest request; a later request shows its own.
          if (seq === this.store.getState().sessionSeq && request === this.requestSeq) this.show(slice);
        },
        (error: unknown) => {
          if (seq !== this.store.getState().sessionSeq) return;
          this.store
            .getState()
            .pushError(
              `Could not read ${this.axis.toUpperCase()} slice ${index}: ${error instanceof Error ? error.message : String(error)}`,
            );
        },
      );
    }
    this.cache.prefetch(this.axis, index, direction, session.segmentation.shape[dim]);
  }

  private show(slice: SliceData): void {
    this.slice = slice;
    this.compose();
  }

  private queueCompose(): void {
    if (this.composeQueued || !this.slice) return;
    this.composeQueued = true;
    const queuedAt = this.composeCount;
    requestAnimationFrame(() => {
      this.composeQueued = false;
      // A compose since (a new slice, a merge) already drew with the state that queued this one.
      if (this.composeCount === queuedAt) this.compose();
    });
  }

  private compose(): void {
    const slice = this.slice;
    if (!slice) return;
    const started = performance.now();
    const { width, height } = slice;
    if (this.canvas.width !== width || this.canvas.height !== height || !this.imageData) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.imageData = new ImageData(width, height);
    }
    const s = this.store.getState();
    const style: OverlayStyle = {
      // A split preview's two sides stand out against the other segments, drawn fainter meanwhile.
      opacity: s.preview ? s.view.opacity * 0.4 : s.view.opacity,
      outlineOnly: s.view.outlineOnly,
      hidden: new Set(s.view.hidden),
      selected: new Set(s.selection),
      colors: s.view.colors,
      hover: s.hover && s.hover.id !== '0' ? s.hover.id : null,
    };
    compositeSlice(slice.image, slice.labels, width, height, style, this.palette, this.imageData.data);
    if (s.preview) tintPreview(this.imageData.data, slice.image, slice, s.preview);
    this.canvas.getContext('2d')!.putImageData(this.imageData, 0, 0);
    this.lastComposeMs = performance.now() - started;
    this.composeCount++;
    for (const listener of this.listeners) listener();
  }
}
