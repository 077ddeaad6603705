import { useCallback, useEffect, useState } from 'react';
import type { SegmentSummary } from '../../shared/api/types';
import { afterPaint } from '../controller/afterPaint';
import { messageOf } from '../controller/taskIds';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';

const PAGE = 200;
const SEARCH_DELAY_MS = 200;

export interface SegmentList {
  readonly segments: readonly SegmentSummary[];
  readonly total: number;
  readonly loading: boolean;
  readonly loadMore: () => void;
}

/** Pages of listSegments for a digit query (debounced), reloaded on another session and after edits. */
export function useSegmentPage(query: string): SegmentList {
  const { store, backend } = useServices();
  const sessionSeq = useAppStore((s) => s.sessionSeq);
  // Edits change voxel counts and add or remove segments: list again after each.
  const editSeq = useAppStore((s) => s.editSeq);
  const [segments, setSegments] = useState<readonly SegmentSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);

  const fetchPage = useCallback(
    (offset: number) => backend.api.listSegments({ ...(query ? { query } : {}), offset, limit: PAGE }),
    [backend, query],
  );

  useEffect(() => {
    if (sessionSeq === 0) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the edit or session is on screen; a query waits for the typing to pause.
    const load = () => {
      setLoading(true);
      fetchPage(0).then(
        (page) => {
          if (!live) return;
          setSegments(page.segments);
          setTotal(page.total);
          setLoading(false);
        },
        (error: unknown) => {
          if (!live) return;
          setLoading(false);
          store.getState().pushError(`Could not list segments: ${messageOf(error)}`);
        },
      );
    };
    const cancel = afterPaint(() => (timer = setTimeout(load, query ? SEARCH_DELAY_MS : 0)));
    return () => {
      live = false;
      cancel();
      clearTimeout(timer);
    };
  }, [fetchPage, sessionSeq, editSeq, store, query]);

  const loadMore = useCallback(() => {
    if (loading || segments.length >= total) return;
    setLoading(true);
    fetchPage(segments.length).then(
      (page) => {
        setSegments((prev) => [...prev, ...page.segments]);
        setLoading(false);
      },
      (error: unknown) => {
        setLoading(false);
        store.getState().pushError(`Could not list segments: ${messageOf(error)}`);
      },
    );
  }, [fetchPage, loading, segments.length, total, store]);

  return { segments, total, loading, loadMore };
}
