import { useCallback, useEffect, useState } from 'react';
import type { ReviewStatus, SegmentReview, SegmentType } from '../../shared/api/types';
import { messageOf } from '../controller/taskIds';
import { useServices } from '../services';

export interface ReviewPatch {
  readonly status?: ReviewStatus;
  readonly type?: SegmentType;
  readonly note?: string;
}

/** A segment's review record, loaded when `id` changes, and a setter that saves a change. */
export function useReview(id: string | undefined): {
  review: SegmentReview | null;
  update: (patch: ReviewPatch) => void;
} {
  const { store, backend } = useServices();
  const [review, setReview] = useState<SegmentReview | null>(null);
  useEffect(() => {
    setReview(null);
    if (id === undefined) return;
    let live = true;
    backend.api.getReview({ id }).then(
      (r) => live && setReview(r),
      (error: unknown) =>
        store.getState().pushError(`Could not read the review of ${id}: ${messageOf(error)}`),
    );
    return () => {
      live = false;
    };
  }, [id, backend, store]);
  const update = useCallback(
    (patch: ReviewPatch) => {
      if (id === undefined) return;
      backend.api.setReview({ id, ...patch }).then(
        (r) => {
          if (String(r.id) === id) setReview(r);
        },
        (error: unknown) =>
          store.getState().pushError(`Could not save the review of ${id}: ${messageOf(error)}`),
      );
    },
    [id, backend, store],
  );
  return { review, update };
}
