import type Database from 'better-sqlite3';
import type { ReviewStatus, SegmentReview, SegmentSummary, SegmentType } from '../../../shared/api/types';
import type { SegmentIndex } from '../segmentIndex';
import { currentUser } from './user';

export interface ReviewPatch {
  readonly status?: ReviewStatus;
  readonly type?: SegmentType;
  readonly note?: string;
}

interface ReviewRow {
  segment_id: string;
  status: ReviewStatus;
  type: SegmentType;
  note: string;
}

const unreviewed = (id: bigint): SegmentReview => ({ id, status: 'unreviewed', type: 'unknown', note: '' });

/**
 * Per-segment review status, cell type and note, in the project file. Every segment without a
 * row is 'unreviewed' of type 'unknown'. All rows are also held in memory so that "next
 * unreviewed" walks the segments by size without a query per segment.
 */
export class ReviewStore {
  private readonly reviews = new Map<bigint, SegmentReview>();
  private readonly upsert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO reviews (segment_id, status, type, note, updated_at, user) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (segment_id) DO UPDATE SET status = excluded.status, type = excluded.type,
         note = excluded.note, updated_at = excluded.updated_at, user = excluded.user`,
    );
    const rows = db.prepare('SELECT segment_id, status, type, note FROM reviews').all() as ReviewRow[];
    for (const r of rows) {
      const id = BigInt(r.segment_id);
      this.reviews.set(id, { id, status: r.status, type: r.type, note: r.note });
    }
  }

  get(id: bigint): SegmentReview {
    return this.reviews.get(id) ?? unreviewed(id);
  }

  /** Change any of status, type and note; returns the whole record (durable on return). */
  set(id: bigint, patch: ReviewPatch): SegmentReview {
    const review = { ...this.get(id), ...definedOnly(patch) };
    this.upsert.run(
      String(id),
      review.status,
      review.type,
      review.note,
      new Date().toISOString(),
      currentUser(),
    );
    this.reviews.set(id, review);
    return review;
  }

  /** The next unreviewed segment by descending size after `after` (of `type`, when given). */
  nextUnreviewed(index: SegmentIndex, after?: bigint, type?: SegmentType): SegmentSummary | null {
    for (const segment of index.bySizeAfter(after)) {
      const review = this.get(segment.id);
      if (review.status === 'unreviewed' && (type === undefined || review.type === type)) return segment;
    }
    return null;
  }
}

function definedOnly(patch: ReviewPatch): ReviewPatch {
  const out: { -readonly [K in keyof ReviewPatch]: ReviewPatch[K] } = {};
  if (patch.status !== undefined) out.status = patch.status;
  if (patch.type !== undefined) out.type = patch.type;
  if (patch.note !== undefined) out.note = patch.note;
  return out;
}
