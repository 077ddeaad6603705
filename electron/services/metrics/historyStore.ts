import type Database from 'better-sqlite3';
import type { MetricsPoint } from '../../../shared/api/metricsTypes';

/**
 * The metrics plot's points in the project file (table `metrics_points`, migration 4), kept per
 * ground truth (its spec, '' without one) so that reopening a project shows the plot as it was.
 */
export class MetricsHistoryStore {
  constructor(
    private readonly db: Database.Database,
    /** The ground truth the points are scored against ('' for none). */
    readonly groundTruth: string,
  ) {}

  /** The latest `limit` points, oldest first. */
  load(limit: number): MetricsPoint[] {
    const rows = this.db
      .prepare('SELECT point FROM metrics_points WHERE ground_truth = ? ORDER BY id DESC LIMIT ?')
      .all(this.groundTruth, limit) as { point: string }[];
    return rows.reverse().map((r) => JSON.parse(r.point) as MetricsPoint);
  }

  append(point: MetricsPoint): void {
    this.db
      .prepare('INSERT INTO metrics_points (ground_truth, point) VALUES (?, ?)')
      .run(this.groundTruth, JSON.stringify(point));
  }

  /** Drop all but the latest `keep` points of this ground truth. */
  trim(keep: number): void {
    this.db
      .prepare(
        `DELETE FROM metrics_points WHERE ground_truth = ? AND id NOT IN
           (SELECT id FROM metrics_points WHERE ground_truth = ? ORDER BY id DESC LIMIT ?)`,
      )
      .run(this.groundTruth, this.groundTruth, keep);
  }
}
