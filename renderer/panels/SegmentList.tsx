import { useState, type UIEvent } from 'react';
import { useAppStore } from '../state/hooks';
import { formatCount, SegmentRow } from './SegmentRow';
import { useSegmentPage } from './useSegmentPage';

/** A search by id and all segments by size (largest first), paged as it scrolls. */
export function SegmentList() {
  const [query, setQuery] = useState('');
  const { segments, total, loading, loadMore } = useSegmentPage(query);
  const segmentCount = useAppStore((s) => s.session?.segmentCount ?? 0);
  const onScroll = (e: UIEvent<HTMLElement>) => {
    const el = e.currentTarget;
    if (el.scrollTop + el.clientHeight > el.scrollHeight - 200) loadMore();
  };
  return (
    <>
      <div className="panel-heading">
        {/* Without a query the list's total is the live count (edits add and remove segments). */}
        <span>Segments ({formatCount(query || segments.length === 0 ? segmentCount : total)})</span>
        {loading && <span className="muted">loading…</span>}
      </div>
      <input
        className="search"
        type="search"
        inputMode="numeric"
        placeholder="Search by id"
        data-testid="segment-search"
        value={query}
        onChange={(e) => setQuery(e.target.value.replace(/\D/g, '').slice(0, 20))}
      />
      <div className="segment-columns muted">
        <span>show · colour · id</span>
        <span>voxels</span>
      </div>
      <ul className="segment-list" data-testid="segment-list" onScroll={onScroll}>
        {segments.map((s) => (
          <SegmentRow key={s.id.toString()} segment={s} />
        ))}
        {!loading && segments.length === 0 && (
          <li className="muted hint">{query ? `No segment matches ${query}` : 'No segments'}</li>
        )}
        {segments.length < total && (
          <li className="load-more">
            <button type="button" className="link" onClick={loadMore} disabled={loading}>
              {formatCount(total - segments.length)} more…
            </button>
          </li>
        )}
      </ul>
    </>
  );
}
