import { lazy, Suspense, useState } from 'react';
import type { GroundTruthScores, ProofreadingChange, VoiContributor } from '../../shared/api/metricsTypes';
import type { MetricsController } from '../controller/metrics';
import { useServices } from '../services';
import { useAppStore } from '../state/hooks';
import { ContributorList } from './ContributorList';
import { GroundTruthForm } from './GroundTruthForm';
import { formatCount, formatMicrons, formatNumber, shortSpec } from './metricsFormat';

/** chart.js loads on its own, after the slice views. */
const MetricsChart = lazy(() => import('./MetricsChart').then((m) => ({ default: m.MetricsChart })));

function Row({ name, value, id, title }: { name: string; value: string; id: string; title?: string }) {
  return (
    <div className="metric-row" title={title}>
      <span className="muted">{name}</span>
      <span className="metric-value" data-testid={`metric-${id}`}>
        {value}
      </span>
    </div>
  );
}

function GroundTruthNumbers({ s }: { s: GroundTruthScores }) {
  return (
    <div className="metric-grid" data-testid="metrics-groundtruth">
      <Row
        name="VOI split"
        id="voi_split"
        value={formatNumber(s.voi_split)}
        title="H(corrected | GT), bits"
      />
      <Row
        name="VOI merge"
        id="voi_merge"
        value={formatNumber(s.voi_merge)}
        title="H(GT | corrected), bits"
      />
      <Row name="Adapted Rand error" id="are" value={formatNumber(s.adapted_rand_error)} />
      <Row
        name="Rand split / merge"
        id="rand"
        value={`${formatNumber(s.rand_split)} / ${formatNumber(s.rand_merge)}`}
      />
      <Row name="ERL" id="erl" value={formatMicrons(s.erl)} title="expected run length (funlib)" />
      <Row name="GT ERL" id="gt_erl" value={formatMicrons(s.gt_erl)} />
      <Row name="NERL" id="nerl" value={formatNumber(s.nerl)} title="ERL / GT ERL" />
    </div>
  );
}

function ChangeNumbers({ c }: { c: ProofreadingChange }) {
  return (
    <div className="metric-grid" data-testid="metrics-change">
      <Row name="Edits" id="edits" value={formatCount(c.edits)} />
      <Row name="Merges / splits" id="merges-splits" value={`${c.merges} / ${c.splits}`} />
      <Row name="Paint / erase" id="paints-erases" value={`${c.paints} / ${c.erases}`} />
      <Row name="Voxels relabelled" id="voxels-changed" value={formatCount(c.voxelsChanged)} />
      <Row name="Edits per hour" id="edits-per-hour" value={formatNumber(c.editsPerHour, 0)} />
      <Row
        name="VI split / merge"
        id="change-vi"
        value={`${formatNumber(c.voi_split)} / ${formatNumber(c.voi_merge)}`}
      />
    </div>
  );
}

/**
 * Live metrics: against the ground truth (the demo's is found by itself), how far proofreading
 * moved from the original, a plot over the edit history, and the largest VOI contributors.
 */
export function MetricsPanel({ controller }: { controller: MetricsController }) {
  const { store } = useServices();
  const metrics = useAppStore((s) => s.metrics);
  const display = useAppStore((s) => s.skeletonDisplay);
  const [loading, setLoading] = useState(false);
  const show = (c: VoiContributor) =>
    store
      .getState()
      .showSegmentsAt(c.segments.map(String), c.voxel ? [c.voxel[0], c.voxel[1], c.voxel[2]] : null);
  const gt = metrics?.groundTruth;
  const progress = metrics?.progress;
  return (
    <div className="metrics-panel" data-testid="metrics-panel">
      <div className="panel-heading">
        <span>Ground truth</span>
        <span className="panel-actions">
          <button type="button" className="link" onClick={() => setLoading(!loading)} data-testid="gt-load">
            load…
          </button>{' '}
          <button
            type="button"
            className="link"
            onClick={() => void controller.recompute()}
            data-testid="metrics-recompute"
          >
            recount
          </button>
        </span>
      </div>
      <p className="hint" data-testid="gt-info">
        {gt
          ? `${shortSpec(gt.spec)}${gt.automatic ? ' (demo)' : ''}, ${gt.skeletonCount} skeletons`
          : 'None loaded: proofreading changes only'}
      </p>
      {loading && <GroundTruthForm controller={controller} onDone={() => setLoading(false)} />}
      {metrics?.status === 'computing' && (
        <p className="hint" data-testid="metrics-status">
          Counting… {progress ? `${Math.round((100 * progress.done) / Math.max(1, progress.total))}%` : ''}
        </p>
      )}
      {metrics?.error && <p className="gt-error">{metrics.error}</p>}
      {metrics?.scores && <GroundTruthNumbers s={metrics.scores} />}
      <div className="panel-heading">
        <span>Proofreading</span>
        {metrics?.lastUpdate && (
          <span className="panel-actions muted" title="time the latest update of the metrics took">
            {metrics.lastUpdate.incremental ? 'updated' : 'counted'} in {metrics.lastUpdate.ms.toFixed(0)} ms
          </span>
        )}
      </div>
      {metrics?.change && <ChangeNumbers c={metrics.change} />}
      <Suspense fallback={null}>
        <MetricsChart history={metrics?.history ?? []} />
      </Suspense>
      <div className="panel-heading">
        <span>Largest splits</span>
      </div>
      <ContributorList kind="split" items={metrics?.topSplits ?? []} onShow={show} />
      <div className="panel-heading">
        <span>Largest merges</span>
      </div>
      <ContributorList kind="merge" items={metrics?.topMerges ?? []} onShow={show} />
      <div className="panel-heading">
        <span>Skeletons</span>
      </div>
      <label className="skeleton-toggle">
        <input
          type="checkbox"
          checked={display.groundTruth}
          onChange={(e) => store.getState().setSkeletonDisplay({ groundTruth: e.target.checked })}
          data-testid="skeletons-gt"
        />
        ground truth (SWC)
      </label>
      <label className="skeleton-toggle">
        <input
          type="checkbox"
          checked={display.selection}
          onChange={(e) => store.getState().setSkeletonDisplay({ selection: e.target.checked })}
          data-testid="skeletons-selection"
        />
        selected segments (TEASAR)
      </label>
    </div>
  );
}
