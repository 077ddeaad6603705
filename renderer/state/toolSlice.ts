import type { StateCreator } from 'zustand/vanilla';
import type { SliceAxis, SplitPreviewData } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import type { AppState } from './store';

/** What a left click in a slice view does. */
export type Tool = 'navigate' | 'split' | 'paint' | 'erase';
export type SeedKind = 'source' | 'sink';

/** Seeds of the split being prepared, on one segment (decimal id; null until the first seed). */
export interface SplitSeeds {
  readonly segment: string | null;
  readonly sources: readonly Vec3[];
  readonly sinks: readonly Vec3[];
}

export type PreviewStatus = 'none' | 'computing' | 'ready' | 'failed';

/** A brush stroke being drawn: voxel centres in one view's plane. */
export interface BrushStroke {
  readonly axis: SliceAxis;
  readonly centers: readonly Vec3[];
}

export const MIN_BRUSH_RADIUS = 0;
export const MAX_BRUSH_RADIUS = 40;
const NO_SEEDS: SplitSeeds = { segment: null, sources: [], sinks: [] };

export interface ToolSlice {
  readonly tool: Tool;
  /** Brush radius in voxels (0 = single voxels). */
  readonly brushRadius: number;
  readonly split: SplitSeeds;
  /** The latest preview of `split` (it may lag a seed change while `previewStatus` is computing). */
  readonly preview: SplitPreviewData | null;
  readonly previewStatus: PreviewStatus;
  readonly stroke: BrushStroke | null;
  /** A short instruction or a refused action, shown over the views until the next one. */
  readonly hint: string | null;
  /** Switch tools; leaving the split tool drops its seeds and preview. */
  readonly setTool: (tool: Tool) => void;
  readonly setBrushRadius: (radius: number) => void;
  /**
   * Place a seed at `voxel`, which lies in segment `id` ('0' = background). A seed on a voxel
   * that already holds one removes it. Seeds on another segment than the split's are refused.
   */
  readonly toggleSeed: (kind: SeedKind, voxel: Vec3, id: string | null) => void;
  readonly clearSeeds: () => void;
  readonly setPreview: (preview: SplitPreviewData | null, status: PreviewStatus) => void;
  readonly setStroke: (stroke: BrushStroke | null) => void;
  readonly setHint: (hint: string | null) => void;
}

const sameVoxel = (a: Vec3, b: Vec3): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** The seeds after a click of `kind` at `voxel`: removes a seed already there, else adds one. */
export function toggledSeeds(seeds: SplitSeeds, kind: SeedKind, voxel: Vec3, segment: string): SplitSeeds {
  const onVoxel = (v: Vec3) => sameVoxel(v, voxel);
  if (seeds.sources.some(onVoxel) || seeds.sinks.some(onVoxel)) {
    return {
      segment,
      sources: seeds.sources.filter((v) => !onVoxel(v)),
      sinks: seeds.sinks.filter((v) => !onVoxel(v)),
    };
  }
  const v: Vec3 = [voxel[0], voxel[1], voxel[2]];
  return kind === 'source'
    ? { segment, sources: [...seeds.sources, v], sinks: seeds.sinks }
    : { segment, sources: seeds.sources, sinks: [...seeds.sinks, v] };
}

export const createToolSlice: StateCreator<AppState, [], [], ToolSlice> = (set, get) => ({
  tool: 'navigate',
  brushRadius: 3,
  split: NO_SEEDS,
  preview: null,
  previewStatus: 'none',
  stroke: null,
  hint: null,
  setTool: (tool) => {
    const { selection } = get();
    const hint =
      tool === 'split'
        ? 'Split: click to place source seeds, Shift+click sink seeds; Enter applies, Esc cancels'
        : tool === 'paint' || tool === 'erase'
          ? selection.length > 0
            ? `${tool === 'paint' ? 'Paint' : 'Erase'} segment ${selection[0]}: drag in a slice view`
            : `Select a segment to ${tool}`
          : null;
    set({
      tool,
      split: tool === 'split' ? { ...NO_SEEDS, segment: selection[0] ?? null } : NO_SEEDS,
      preview: null,
      previewStatus: 'none',
      stroke: null,
      hint,
    });
  },
  setBrushRadius: (radius) =>
    set({ brushRadius: Math.max(MIN_BRUSH_RADIUS, Math.min(MAX_BRUSH_RADIUS, Math.round(radius))) }),
  toggleSeed: (kind, voxel, id) => {
    const { split } = get();
    if (id === null) return set({ hint: 'That slice is still loading' });
    if (id === '0') return set({ hint: 'Seeds go inside the segment to split, not on background' });
    if (split.segment !== null && split.segment !== id) {
      return set({ hint: `That voxel is in segment ${id}; this split works on segment ${split.segment}` });
    }
    const seeds = toggledSeeds(split, kind, voxel, id);
    set({
      split: seeds,
      hint: null,
      ...(split.segment === null ? { selection: [id] } : {}),
      ...(seeds.sources.length === 0 || seeds.sinks.length === 0
        ? { preview: null, previewStatus: 'none' as const }
        : {}),
    });
  },
  clearSeeds: () =>
    set((s) => ({ split: { ...NO_SEEDS, segment: s.split.segment }, preview: null, previewStatus: 'none' })),
  setPreview: (preview, previewStatus) => set({ preview, previewStatus }),
  setStroke: (stroke) => set({ stroke }),
  setHint: (hint) => {
    if (get().hint !== hint) set({ hint });
  },
});
