import type { DemoVolume } from '../../../shared/demo/generateDemo';
import type { EditCommand } from '../../../shared/edit/types';
import { buildContingency } from '../../../shared/metrics/contingency';
import { denseVolumeLookup, expectedRunLength } from '../../../shared/metrics/erl';
import { computeRand } from '../../../shared/metrics/rand';
import { computeVoi } from '../../../shared/metrics/voi';
import { compactLabels, IdTable } from '../../../shared/volume/idTable';

/** The proofreading a user would do on the demo: join split axons, cut fused ones, paint, erase. */
export function demoProofreading(demo: DemoVolume): EditCommand[] {
  const commands: EditCommand[] = [];
  for (const e of demo.errors) {
    if (e.kind === 'split') {
      commands.push({ kind: 'merge', target: BigInt(e.segmentIds[0]!), source: BigInt(e.segmentIds[1]!) });
    } else if (e.kind === 'merge') {
      const [a, b] = e.groundTruthIds;
      commands.push({
        kind: 'split',
        segment: BigInt(e.segmentIds[0]!),
        sources: e.seeds.filter((s) => s.gtId === a).map((s) => s.voxel),
        sinks: e.seeds.filter((s) => s.gtId === b).map((s) => s.voxel),
      });
    }
  }
  const fragment = demo.errors.find((e) => e.kind === 'fragment');
  if (fragment) {
    const host = BigInt(fragment.seeds[1]!.segmentId);
    commands.push({
      kind: 'paint',
      id: host,
      region: { brush: { centers: [fragment.voxel], radius: 4, plane: 'xy' } },
    });
  }
  commands.push({
    kind: 'paint',
    id: 'new',
    region: {
      brush: {
        centers: [
          [30, 128, 128],
          [30, 140, 150],
        ],
        radius: 3,
        plane: 'xy',
      },
    },
  });
  commands.push({ kind: 'erase', region: { brush: { centers: [[10, 60, 60]], radius: 2, plane: 'ball' } } });
  return commands;
}

/** Every score computed from scratch on a whole corrected volume with shared/metrics. */
export function fullScores(demo: DemoVolume, corrected: BigUint64Array) {
  const c = buildContingency(demo.groundTruth, corrected);
  const erl = expectedRunLength(
    demo.skeletons.map((s) => ({ id: s.id, nodes: s.nodes.slice() })),
    denseVolumeLookup({ shape: demo.shape, data: corrected }),
    { resolution: demo.resolution },
  );
  // Original vs corrected over every voxel: shift the original's dense indices by one so that its
  // background is an ordinary row (relabelling changes no VOI).
  const original = compactLabels(demo.segmentation, new IdTable()).map((i) => i + 1);
  const change = computeVoi(buildContingency(original, compactLabels(corrected, new IdTable())));
  return { voi: computeVoi(c), rand: computeRand(c), erl, change };
}
