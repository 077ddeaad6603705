import type { SplitPreview } from '../../shared/edit/split';
import type { EditCommand, EditDelta, EditState, EditSummary } from '../../shared/edit/types';
import type { Vec3 } from '../../shared/volume/types';
import type { Block } from '../services/edits/blockReader';

/**
 * A split (or its preview) run off the main thread. The request carries what the edit model will
 * read: the blocks read ahead, the edit state's overrides inside them and its merges.
 */
export interface SplitRequest {
  readonly jobId: number;
  readonly action: 'preview' | 'apply';
  /** A split or splitComponents command with its box made explicit. */
  readonly command: Extract<EditCommand, { kind: 'split' | 'splitComponents' }>;
  readonly state: EditState;
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly maxId: bigint;
  /** Base ids the command names, checked to exist by the caller. */
  readonly knownIds: readonly bigint[];
  readonly blocks: readonly Block[];
}

/** Warm the worker up (shared/edit/warmUp.ts) before the annotator's first split. */
export interface WarmUpRequest {
  readonly jobId: number;
  readonly action: 'warm-up';
}

export type SplitReply =
  | { readonly jobId: number; readonly preview: SplitPreview }
  | { readonly jobId: number; readonly warmed: true }
  | { readonly jobId: number; readonly delta: EditDelta; readonly summary: EditSummary }
  | { readonly jobId: number; readonly error: string; readonly code?: string };
