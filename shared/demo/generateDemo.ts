import type { Vec3 } from '../volume/types';
import { generateTubes } from './axonPaths';
import { injectErrors } from './errors';
import { makeGrid } from './grid';
import { renderImage } from './image';
import { fillCells } from './cells';
import { rasterTubes } from './labels';
import { paintOrganelles } from './organelles';
import { Random, deriveSeed } from './random';
import { separateTubes } from './relax';
import { wordsToBigUint64 } from './segmentIds';
import { tubeSkeleton } from './skeletons';
import type { DemoVolume } from './types';

export type { DemoVolume, ErrorKind, ErrorSeed, InjectedError } from './types';

export const DEMO_SHAPE: Vec3 = [64, 256, 256];
export const DEMO_RESOLUTION: Vec3 = [30, 8, 8];
export const DEMO_SEED = 1;
/** Smaller volumes cannot hold a dozen axons with their errors. */
export const DEMO_MIN_SHAPE: Vec3 = [16, 96, 96];

export type DemoStage = 'tubes' | 'labels' | 'organelles' | 'image' | 'segmentation' | 'output';

export interface DemoOptions {
  readonly seed?: number;
  readonly shape?: Vec3;
  /** Called after each stage with its wall time in ms (for progress and timing reports). */
  readonly onStage?: (stage: DemoStage, ms: number) => void;
}

/** Stream numbers: each stage draws from its own seeded stream. */
const STREAM = { tubes: 1, cells: 2, organelles: 3, image: 4, errors: 5 } as const;

/**
 * Generate the built-in demo volume. Deterministic: the same options give the same bytes on
 * every run.
 */
export function generateDemo(options: DemoOptions = {}): DemoVolume {
  const seed = options.seed ?? DEMO_SEED;
  const shape = options.shape ?? DEMO_SHAPE;
  if (!Number.isInteger(seed)) throw new RangeError(`demo seed must be an integer, got ${seed}`);
  shape.forEach((n, a) => {
    if (!Number.isInteger(n) || n < DEMO_MIN_SHAPE[a]!) {
      throw new RangeError(`demo shape ${shape.join('x')} is below the minimum ${DEMO_MIN_SHAPE.join('x')}`);
    }
  });
  const stream = (s: number): Random => new Random(deriveSeed(seed, s));
  let last = Date.now();
  const done = (stage: DemoStage): void => {
    const now = Date.now();
    options.onStage?.(stage, now - last);
    last = now;
  };
  const grid = makeGrid(shape, DEMO_RESOLUTION);
  const tubes = generateTubes(stream(STREAM.tubes), grid);
  separateTubes(grid, tubes);
  done('tubes');
  const labels = new Uint32Array(shape[0] * shape[1] * shape[2]);
  rasterTubes(grid, tubes, labels);
  const firstCellId = tubes.length + 1;
  const cellCount = fillCells(grid, stream(STREAM.cells), labels, firstCellId);
  done('labels');
  const delta = paintOrganelles(grid, labels, tubes, firstCellId, stream(STREAM.organelles));
  done('organelles');
  const labelCount = firstCellId + cellCount;
  const image = renderImage(grid, labels, delta, firstCellId, labelCount, stream(STREAM.image));
  done('image');
  const gtWords = new Uint32Array(2 * labels.length);
  const { words, errors } = injectErrors(grid, labels, tubes, labelCount, stream(STREAM.errors), gtWords);
  done('segmentation');
  const axons = tubes.filter((t) => t.kind === 'axon');
  const volume: DemoVolume = {
    seed,
    shape,
    resolution: DEMO_RESOLUTION,
    image,
    groundTruth: wordsToBigUint64(gtWords),
    segmentation: wordsToBigUint64(words),
    errors,
    skeletons: axons.map((t) => tubeSkeleton(grid, t, DEMO_RESOLUTION)),
    axonIds: axons.map((t) => BigInt(t.id)),
  };
  done('output');
  return volume;
}
