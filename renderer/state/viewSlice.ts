import type { StateCreator } from 'zustand/vanilla';
import type { SliceAxis, ViewState } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import { AXIS_LAYOUT } from '../views/sliceAxes';
import { fitZoom, type Viewport } from '../views/viewTransform';
import type { AppState } from './store';

export const MIN_ZOOM = 0.002;
export const MAX_ZOOM = 64;

export interface ViewSlice {
  /** The persisted part (setViewState). */
  readonly view: ViewState;
  /** Continuous voxel coordinates (zyx) the slice views are centred on; shared, like Neuroglancer. */
  readonly center: Vec3;
  /** The slice view the pointer was last in: the keyboard pages through its slices. */
  readonly activeAxis: SliceAxis;
  readonly viewports: Partial<Record<SliceAxis, Viewport>>;
  /** Asks the 3D view to frame the selection or the whole volume; `seq` makes each ask new. */
  readonly frameRequest: { readonly seq: number; readonly target: 'selection' | 'volume' };
  /** Whether the 3D view shows the three slice planes. */
  readonly showPlanes3d: boolean;
  readonly setShowPlanes3d: (show: boolean) => void;
  readonly setPosition: (position: Vec3) => void;
  /** Move the crosshair `delta` slices through `axis`'s plane; the views follow. */
  readonly moveSlice: (axis: SliceAxis, delta: number) => void;
  /** Put the crosshair at `position` and centre the views on it. */
  readonly jumpTo: (position: Vec3) => void;
  readonly setCenter: (center: Vec3) => void;
  readonly setZoom: (zoom: number, center?: Vec3) => void;
  readonly setOpacity: (opacity: number) => void;
  readonly setOutlineOnly: (outlineOnly: boolean) => void;
  readonly setHidden: (id: string, hidden: boolean) => void;
  readonly setColor: (id: string, hex: string | null) => void;
  readonly setActiveAxis: (axis: SliceAxis) => void;
  readonly setViewport: (axis: SliceAxis, viewport: Viewport) => void;
  /** Centre the whole volume and zoom to fit it. */
  readonly resetView: () => void;
  readonly requestFrame: () => void;
}

export const DEFAULT_VIEW: ViewState = {
  position: [0, 0, 0],
  zoom: 0.25,
  opacity: 0.45,
  outlineOnly: false,
  hidden: [],
  colors: {},
};

export function voxelCenter(p: Vec3): Vec3 {
  return [p[0] + 0.5, p[1] + 0.5, p[2] + 0.5];
}

function clampToShape(p: Vec3, shape: Vec3 | undefined): Vec3 {
  const clamp = (v: number, n: number | undefined) =>
    Math.max(0, Math.min(n === undefined ? v : n - 1, Math.round(v)));
  return [clamp(p[0], shape?.[0]), clamp(p[1], shape?.[1]), clamp(p[2], shape?.[2])];
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => {
  const shape = () => get().session?.segmentation.shape;
  const patchView = (patch: Partial<ViewState>) => set((s) => ({ view: { ...s.view, ...patch } }));
  return {
    view: DEFAULT_VIEW,
    center: voxelCenter(DEFAULT_VIEW.position),
    activeAxis: 'xy',
    viewports: {},
    frameRequest: { seq: 0, target: 'volume' },
    showPlanes3d: true,
    setShowPlanes3d: (showPlanes3d) => set({ showPlanes3d }),
    setPosition: (position) => patchView({ position: clampToShape(position, shape()) }),
    moveSlice: (axis, delta) => {
      const dim = AXIS_LAYOUT[axis].slice;
      const { view, center } = get();
      const position: [number, number, number] = [...view.position];
      position[dim] += delta;
      const clamped = clampToShape(position, shape());
      const moved = clamped[dim] - view.position[dim];
      if (moved === 0) return;
      const nextCenter: [number, number, number] = [...center];
      nextCenter[dim] += moved;
      set({ view: { ...view, position: clamped }, center: nextCenter });
    },
    jumpTo: (position) => {
      const clamped = clampToShape(position, shape());
      set((s) => ({ view: { ...s.view, position: clamped }, center: voxelCenter(clamped) }));
    },
    setCenter: (center) => set({ center }),
    setZoom: (zoom, center) => {
      const clamped = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
      set((s) => ({ view: { ...s.view, zoom: clamped }, center: center ?? s.center }));
    },
    setOpacity: (opacity) => patchView({ opacity: Math.max(0, Math.min(1, opacity)) }),
    setOutlineOnly: (outlineOnly) => patchView({ outlineOnly }),
    setHidden: (id, hidden) => {
      const current = get().view.hidden;
      if (current.includes(id) === hidden) return;
      patchView({ hidden: hidden ? [...current, id] : current.filter((h) => h !== id) });
    },
    setColor: (id, hex) => {
      const colors = { ...get().view.colors };
      if (hex) colors[id] = hex.toLowerCase();
      else delete colors[id];
      patchView({ colors });
    },
    setActiveAxis: (activeAxis) => {
      if (get().activeAxis !== activeAxis) set({ activeAxis });
    },
    setViewport: (axis, viewport) => set((s) => ({ viewports: { ...s.viewports, [axis]: viewport } })),
    resetView: () => {
      const { session, viewports, view } = get();
      if (!session) return;
      const { shape, resolution } = session.segmentation;
      const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, fitZoom(shape, resolution, viewports)));
      set((s) => ({
        view: { ...view, zoom },
        center: [shape[0] / 2, shape[1] / 2, shape[2] / 2],
        frameRequest: { seq: s.frameRequest.seq + 1, target: 'volume' },
      }));
    },
    requestFrame: () => set((s) => ({ frameRequest: { seq: s.frameRequest.seq + 1, target: 'selection' } })),
  };
};
