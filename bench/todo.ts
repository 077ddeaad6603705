/**
 * To-do list benchmark on the demo volume: TEASAR skeletons of every segment, the ranked list
 * of likely errors built from them (with and without the EM image as evidence), the largest
 * axon-like segment alone, and recall / precision of the top 20 against the demo's manifest
 * of injected splits and merges. Prints one JSON object on stdout.
 *
 *   node --import tsx bench/todo.ts [seed]
 */
import { generateDemo } from '../shared/demo/generateDemo';
import type { Skeleton } from '../shared/formats/swc';
import { segmentBox, segmentBoxes, skeletonizeAll, skeletonizeSegment } from '../shared/skeleton/skeletonize';
import { scoreTodo } from '../shared/todo/evaluate';
import { findLikelyErrors } from '../shared/todo/findLikelyErrors';
import { IdTable, compactLabels } from '../shared/volume/idTable';
import { printResult } from './lib/output';

const TOP = 20;
const MIN_VOXELS = 300;

function round(x: number, digits = 1): number {
  return Number(x.toFixed(digits));
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
}

/** The injected-merge segment with the most voxels: a long axon pair, the heaviest single job. */
function largestMergedAxon(ids: IdTable, mergedIds: readonly string[], counts: Uint32Array): number {
  let best = 0;
  for (const id of mergedIds) {
    const index = ids.find(BigInt(id));
    if (index !== undefined && counts[index]! > counts[best]!) best = index;
  }
  return best;
}

function main(): void {
  const seed = Number(process.argv[2] ?? 1);
  const [demo, generateMs] = timed(() => generateDemo({ seed }));
  const { shape, resolution } = demo;
  const ids = new IdTable();
  const labels = compactLabels(demo.segmentation, ids);
  const options = { minVoxels: MIN_VOXELS };
  // First run includes JIT warm-up; the second is the steady-state figure.
  const [, firstRunMs] = timed(() => skeletonizeAll(labels, shape, resolution, options));
  const [skeletons, skeletonizeAllMs] = timed(() => skeletonizeAll(labels, shape, resolution, options));
  const input = { labels, ids, shape, resolution, skeletons: skeletons as ReadonlyMap<number, Skeleton> };
  const [items, listMs] = timed(() => findLikelyErrors(input));
  const [withImage, listWithImageMs] = timed(() => findLikelyErrors({ ...input, image: demo.image }));
  const boxes = segmentBoxes(labels, shape);
  const merged = demo.errors.filter((e) => e.kind === 'merge').flatMap((e) => e.segmentIds);
  const axon = largestMergedAxon(ids, merged, boxes.counts);
  const box = segmentBox(boxes, axon);
  const [, oneAxonMs] = timed(() => skeletonizeSegment(labels, shape, resolution, { label: axon, box }));
  const score = scoreTodo(items, demo.errors, TOP);
  const scoreImage = scoreTodo(withImage, demo.errors, TOP);
  const result = {
    bench: 'todo',
    volume: {
      source: 'generateDemo',
      seed,
      shape,
      resolution,
      segments: ids.size - 1,
      voxels: labels.length,
    },
    generateMs: round(generateMs),
    skeletonized: skeletons.size,
    skeletonizeAllFirstRunMs: round(firstRunMs),
    skeletonizeAllMs: round(skeletonizeAllMs),
    listMs: round(listMs),
    listWithImageMs: round(listWithImageMs),
    totalMs: round(skeletonizeAllMs + listMs),
    oneAxon: { voxels: boxes.counts[axon], box: box.size, ms: round(oneAxonMs) },
    items: items.length,
    injected: { splits: demo.errors.filter((e) => e.kind === 'split').length, merges: merged.length },
    [`top${TOP}`]: { ...score, recall: round(score.recall, 3), precision: round(score.precision, 3) },
    [`top${TOP}WithImage`]: {
      ...scoreImage,
      recall: round(scoreImage.recall, 3),
      precision: round(scoreImage.precision, 3),
    },
  };
  printResult(result);
}

main();
