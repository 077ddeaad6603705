import { useEffect, useState } from 'react';
import type { ReviewStatus, SegmentType } from '../../shared/api/types';
import { nextUnreviewedAxon } from '../controller/review';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { useReview } from './useReview';

const STATUSES: readonly [ReviewStatus, string][] = [
  ['unreviewed', 'Unreviewed'],
  ['in-progress', 'In progress'],
  ['correct', 'Correct'],
  ['needs-expert', 'Needs expert'],
];
const TYPES: readonly [SegmentType, string][] = [
  ['unknown', 'Unknown'],
  ['axon', 'Axon'],
  ['dendrite', 'Dendrite'],
  ['glia', 'Glia'],
  ['other', 'Other'],
];

/** Review status, cell type and note of the first selected segment; "next unreviewed axon". */
export function ReviewSection() {
  const { store, backend } = useServices();
  const id = useAppStore((s) => s.selection[0]);
  const { review, update } = useReview(id);
  const [note, setNote] = useState('');
  // Follow the stored note when another segment is shown or the note itself was saved, not when
  // a status or type change comes back: that would wipe what is being typed.
  const reviewId = review ? String(review.id) : null;
  const savedNote = review?.note ?? '';
  useEffect(() => setNote(savedNote), [reviewId, savedNote]);
  return (
    <section className="proofread-section" data-testid="review-section">
      <div className="panel-heading">
        <span>Review{id !== undefined ? ` · ${id}` : ''}</span>
        <button
          type="button"
          className="link"
          data-testid="next-unreviewed"
          title="Select and show the next unreviewed axon (N)"
          onClick={() => void nextUnreviewedAxon(store, backend)}
        >
          next unreviewed axon
        </button>
      </div>
      {id === undefined ? (
        <p className="muted hint">Select a segment to review it.</p>
      ) : (
        <div className="review-form">
          <label>
            Status
            <select
              data-testid="review-status"
              value={review?.status ?? 'unreviewed'}
              disabled={!review}
              onChange={(e) => update({ status: e.target.value as ReviewStatus })}
            >
              {STATUSES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Type
            <select
              data-testid="review-type"
              value={review?.type ?? 'unknown'}
              disabled={!review}
              onChange={(e) => update({ type: e.target.value as SegmentType })}
            >
              {TYPES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <textarea
            data-testid="review-note"
            placeholder="Note (saved when you leave the field)"
            value={note}
            disabled={!review}
            rows={2}
            onChange={(e) => setNote(e.target.value)}
            onBlur={() => review && note !== review.note && update({ note })}
          />
        </div>
      )}
    </section>
  );
}
