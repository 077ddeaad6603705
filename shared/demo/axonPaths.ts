import { type Axis, type Grid, type Tube, extent, otherAxes } from './grid';
import { type Random, smoothstep } from './random';

/** Path sample spacing along the main axis, in path units. */
const STEP = 2;
/** Paths start and end this far outside the volume so every tube crosses it completely. */
const MARGIN = 10;

const AXON_RADIUS = { min: 4, max: 10 };
const DENDRITE_RADIUS = { min: 13, max: 28 };

export interface TubePlan {
  readonly axons: number;
  /** Axon pairs built to run alongside and touch each other (merge-error candidates). */
  readonly pairs: number;
  /** Single axons that run mostly along z (through the slices). */
  readonly zAxons: number;
  readonly dendrites: number;
}

/** How many tubes of each kind a volume of this grid gets; small test volumes keep the minimums. */
export function planTubes(grid: Grid): TubePlan {
  const scale = Math.sqrt((grid.ny * grid.nx) / 65536);
  const axons = Math.max(12, Math.round(18 * scale));
  return {
    axons,
    pairs: axons >= 14 ? 4 : 3,
    zAxons: axons >= 16 ? 3 : 2,
    dendrites: Math.max(1, Math.round(2 * scale * scale)),
  };
}

interface TubeSpec {
  readonly id: number;
  readonly kind: Tube['kind'];
  readonly axis: Axis;
  /** Centre position at the middle of the path (only the two other axes are used). */
  readonly base: readonly number[];
  /** Drift per path unit along the main axis, for the two other axes. */
  readonly slope: readonly number[];
  /** Winding amplitude for the two other axes. */
  readonly wiggle: readonly number[];
  readonly radius: number;
  readonly boutons: number;
}

function axisSamples(grid: Grid, axis: Axis): Float64Array {
  const length = extent(grid, axis);
  const n = Math.ceil((length + 2 * MARGIN) / STEP) + 1;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = -MARGIN + i * STEP;
  return t;
}

/** A sum of three sinusoids of decreasing amplitude: slow winding along the path. */
function wave(rng: Random, t: Float64Array, length: number, amplitude: number): Float64Array {
  const out = new Float64Array(t.length);
  for (let k = 0; k < 3; k++) {
    const w = (2 * Math.PI * rng.range(0.3, 1.1) * (k + 1)) / Math.max(length, 1);
    const amp = (amplitude * rng.range(0.4, 1)) / (k + 1);
    const phase = rng.range(0, 2 * Math.PI);
    for (let i = 0; i < t.length; i++) out[i]! += amp * Math.sin(w * t[i]! + phase);
  }
  return out;
}

/** Calibre varying along the length, with a few swellings (boutons / varicosities). */
function radiusProfile(
  rng: Random,
  t: Float64Array,
  length: number,
  mean: number,
  limits: { min: number; max: number },
  boutons: number,
): Float64Array {
  const r = wave(rng, t, length, mean * 0.3);
  for (let i = 0; i < t.length; i++) r[i]! += mean;
  for (let b = 0; b < boutons; b++) {
    const centre = rng.range(0.1, 0.9) * length;
    const width = rng.range(4, 9);
    const amp = mean * rng.range(0.3, 0.6);
    for (let i = 0; i < t.length; i++) r[i]! += amp * Math.exp(-(((t[i]! - centre) / width) ** 2));
  }
  for (let i = 0; i < t.length; i++) r[i] = Math.min(limits.max, Math.max(limits.min, r[i]!));
  return r;
}

/** Keep the centre line at least one radius inside the volume so a tube never leaves and re-enters. */
export function clampInside(grid: Grid, tube: Tube): void {
  const [a, b] = otherAxes(tube.axis);
  const { points, radii } = tube;
  for (const axis of [a, b]) {
    const hi = extent(grid, axis);
    for (let i = 0; i < radii.length; i++) {
      const r = Math.min(radii[i]! + 0.5, hi / 2);
      const k = 3 * i + axis;
      points[k] = Math.min(hi - r, Math.max(r, points[k]!));
    }
  }
}

function makeTube(rng: Random, grid: Grid, spec: TubeSpec): Tube {
  const t = axisSamples(grid, spec.axis);
  const length = extent(grid, spec.axis);
  const limits = spec.kind === 'axon' ? AXON_RADIUS : DENDRITE_RADIUS;
  const radii = radiusProfile(rng, t, length, spec.radius, limits, spec.boutons);
  const points = new Float64Array(3 * t.length);
  for (let i = 0; i < t.length; i++) points[3 * i + spec.axis] = t[i]!;
  for (const axis of otherAxes(spec.axis)) {
    const w = wave(rng, t, length, spec.wiggle[axis]!);
    for (let i = 0; i < t.length; i++) {
      points[3 * i + axis] = spec.base[axis]! + spec.slope[axis]! * (t[i]! - length / 2) + w[i]!;
    }
  }
  const tube: Tube = { id: spec.id, kind: spec.kind, axis: spec.axis, points, radii, partner: 0 };
  clampInside(grid, tube);
  return tube;
}

/**
 * An axon that runs alongside `primary`, touching it over a stretch of its length and diverging
 * towards both ends, so that a merge of the two is a plausible FFN error.
 */
function makePartner(rng: Random, grid: Grid, primary: Tube, id: number): Tube {
  const { axis } = primary;
  const t = axisSamples(grid, axis);
  const length = extent(grid, axis);
  const radii = radiusProfile(rng, t, length, rng.range(4.5, 7), AXON_RADIUS, rng.int(0, 2));
  const [inZ, inPlane] = otherAxes(axis);
  const centre = rng.range(0.35, 0.65) * length;
  const halfWidth = rng.range(0.2, 0.3) * length;
  // Mostly side by side in the slice, sometimes stacked in z (visible in XZ views).
  const angle = rng.chance(0.3) ? Math.PI / 2 + rng.range(-0.3, 0.3) : rng.range(-0.35, 0.35);
  const mid = Math.min(t.length - 1, Math.max(0, Math.round((centre + MARGIN) / STEP)));
  // Point towards the volume centre so clamping cannot push the partner onto the primary.
  const sign = (a: Axis): number => (primary.points[3 * mid + a]! > extent(grid, a) / 2 ? -1 : 1);
  const dirZ = Math.sin(angle) * sign(inZ);
  const dirPlane = Math.cos(angle) * sign(inPlane);
  const driftZ = wave(rng, t, length, 10);
  const driftPlane = wave(rng, t, length, 10);
  const points = new Float64Array(primary.points);
  for (let i = 0; i < t.length; i++) {
    const ramp = smoothstep((Math.abs(t[i]! - centre) - halfWidth) / 50);
    const separation = (primary.radii[i]! + radii[i]!) * 0.8 + ramp * 35;
    points[3 * i + inZ]! += separation * dirZ + ramp * driftZ[i]!;
    points[3 * i + inPlane]! += separation * dirPlane + ramp * driftPlane[i]!;
  }
  const tube: Tube = { id, kind: 'axon', axis, points, radii, partner: primary.id };
  clampInside(grid, tube);
  return tube;
}

/** Bases spread evenly across an axis (stratified) so parallel axons do not pile up. */
function strata(rng: Random, count: number, size: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(((k + rng.range(0.25, 0.75)) / count) * size);
  return rng.shuffle(out);
}

function axonSpec(rng: Random, grid: Grid, id: number, axis: Axis, base: number[]): TubeSpec {
  const zExtent = extent(grid, 0);
  const slope = [0, 0, 0];
  const wiggle = [0, 0, 0];
  if (axis === 0) {
    slope[1] = rng.range(-0.3, 0.3);
    slope[2] = rng.range(-0.3, 0.3);
    wiggle[1] = wiggle[2] = rng.range(6, 14);
  } else {
    const length = extent(grid, axis);
    // About a third of the in-plane axons climb through most of the slices.
    // The others stay within a few slices, so they show as long profiles in XY views.
    const climb = rng.chance(0.35) ? rng.range(0.45, 0.7) : rng.range(-0.05, 0.05);
    slope[0] = ((rng.chance(0.5) ? 1 : -1) * climb * zExtent) / length;
    slope[3 - axis] = rng.range(-0.25, 0.25);
    wiggle[0] = rng.range(3, 8);
    wiggle[3 - axis] = rng.range(8, 22);
  }
  return { id, kind: 'axon', axis, base, slope, wiggle, radius: rng.range(4.5, 7.5), boutons: rng.int(0, 3) };
}

/**
 * All tubes of the demo: axon pairs that touch, single axons along x, y and z, and thick
 * dendrites through the slices. Axon ids are 1..axons; dendrites follow.
 */
export function generateTubes(rng: Random, grid: Grid): Tube[] {
  const plan = planTubes(grid);
  const axes: Axis[] = [];
  for (let p = 0; p < plan.pairs; p++) axes.push(p % 2 === 0 ? 2 : 1);
  const singles = plan.axons - 2 * plan.pairs;
  for (let s = 0; s < singles; s++) axes.push(s < plan.zAxons ? 0 : s % 2 === 0 ? 2 : 1);
  const zExtent = extent(grid, 0);
  const across = {
    1: strata(rng, axes.filter((a) => a === 2).length, grid.ny),
    2: strata(rng, axes.filter((a) => a === 1).length, grid.nx),
  };
  const tubes: Tube[] = [];
  let id = 1;
  axes.forEach((axis, k) => {
    const base = [
      rng.range(0.2, 0.8) * zExtent,
      rng.range(0.2, 0.8) * grid.ny,
      rng.range(0.2, 0.8) * grid.nx,
    ];
    if (axis === 2) base[1] = across[1].pop()!;
    if (axis === 1) base[2] = across[2].pop()!;
    const primary = makeTube(rng, grid, axonSpec(rng, grid, id++, axis, base));
    tubes.push(primary);
    if (k < plan.pairs) tubes.push(makePartner(rng, grid, primary, id++));
  });
  for (let d = 0; d < plan.dendrites; d++) {
    const base = [0, rng.range(0.15, 0.85) * grid.ny, rng.range(0.15, 0.85) * grid.nx];
    const slope = [0, rng.range(-0.25, 0.25), rng.range(-0.25, 0.25)];
    const spec: TubeSpec = {
      id: id++,
      kind: 'dendrite',
      axis: 0,
      base,
      slope,
      wiggle: [0, 8, 8],
      radius: rng.range(17, 23),
      boutons: 0,
    };
    tubes.push(makeTube(rng, grid, spec));
  }
  return tubes;
}
