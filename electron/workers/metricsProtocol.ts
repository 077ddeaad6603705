import type { Skeleton } from '../../shared/formats/swc';
import type { TodoItem, TodoOptions } from '../../shared/todo/types';
import type { Box3, Vec3 } from '../../shared/volume/types';

/** Work for metrics.worker.ts: one job per worker, posted once with its arrays transferred. */
export type MetricsJob =
  | {
      readonly kind: 'todo';
      /** Dense segment indices of the whole volume (C-order zyx); `ids[k]` is index k's id. */
      readonly labels: Uint32Array;
      readonly ids: readonly bigint[];
      readonly shape: Vec3;
      readonly resolution: Vec3;
      readonly image?: Uint8Array;
      readonly options?: Pick<TodoOptions, 'minVoxels' | 'maxItems' | 'maxGapNm'>;
    }
  | {
      readonly kind: 'skeletonize';
      /** 1 inside the segment, over `box` (C-order zyx). */
      readonly mask: Uint8Array;
      readonly box: Box3;
      readonly resolution: Vec3;
      readonly id: number;
    };

export type MetricsWorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'todo'; readonly items: readonly TodoItem[] }
  | { readonly type: 'skeleton'; readonly skeleton: Skeleton }
  | { readonly type: 'error'; readonly message: string };
