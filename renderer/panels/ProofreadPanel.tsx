import { BookmarksSection } from './BookmarksSection';
import { HistorySection } from './HistorySection';
import { ReviewSection } from './ReviewSection';
import './proofread.css';

/** Second side panel: review of the selected segment, bookmarks, and the edit history. */
export function ProofreadPanel() {
  return (
    <aside className="proofread-panel" data-testid="proofread-panel">
      <ReviewSection />
      <BookmarksSection />
      <HistorySection />
    </aside>
  );
}
