import { useState } from 'react';
import { BookmarksSection } from './BookmarksSection';
import { HistorySection } from './HistorySection';
import { ReviewSection } from './ReviewSection';
import { SegmentList } from './SegmentList';
import { SelectedSegments } from './SelectedSegments';
import './proofread.css';

type Tab = 'segments' | 'bookmarks' | 'history';
const TABS: readonly [Tab, string][] = [
  ['segments', 'Segments'],
  ['bookmarks', 'Bookmarks'],
  ['history', 'History'],
];

/**
 * Side panel: the selection and the review of the first selected segment, then a tab with the
 * segment list, the bookmarks or the edit history.
 */
export function SegmentPanel() {
  const [tab, setTab] = useState<Tab>('segments');
  return (
    <aside className="segment-panel" data-testid="segment-panel">
      <SelectedSegments />
      <ReviewSection />
      <div className="side-tabs" role="tablist">
        {TABS.map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'active' : ''}
            data-testid={`tab-${t}`}
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'segments' && <SegmentList />}
      {tab === 'bookmarks' && <BookmarksSection />}
      {tab === 'history' && <HistorySection />}
    </aside>
  );
}
