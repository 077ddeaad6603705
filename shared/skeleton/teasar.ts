import type { Vec3 } from '../volume/types';
import { distanceTransform } from './distanceTransform';
import { VoxelSearch } from './voxelSearch';

/**
 * TEASAR parameters (Sato et al. 2000, as kimimaro uses them). Lengths in nm. Defaults follow
 * kimimaro's suggestion for long thin axons (scale 4, const 500, pdrf 100000 / 4), except the
 * constant: its 500 nm suits 16-32 nm voxels, while our ~8 nm voxels and 30-80 nm axon radii
 * want 100 nm so that a neighbouring branch is not swallowed by the ball.
 */
export interface TeasarOptions {
  /** Invalidation ball radius = scale * DBF + constNm around every path voxel. */
  readonly scale?: number;
  readonly constNm?: number;
  /**
   * Penalty pdrfScale * (1 - DBF / M)^pdrfExponent per voxel entered (M slightly above the
   * largest DBF) keeps paths on the centre line; each step also costs its length in units of
   * the smallest voxel size. kimimaro's other default (5000, 16) is flat near the centre, so the
   * step cost would let paths wander there.
   */
  readonly pdrfScale?: number;
  readonly pdrfExponent?: number;
  /** Stop after this many paths per connected component (guards against pathological masks). */
  readonly maxPaths?: number;
  /** Components with fewer voxels get no skeleton. */
  readonly minComponentVoxels?: number;
  readonly signal?: { readonly aborted: boolean };
}

export const TEASAR_DEFAULTS = {
  scale: 4,
  constNm: 100,
  pdrfScale: 100000,
  pdrfExponent: 4,
  maxPaths: 2000,
  minComponentVoxels: 1,
} as const;

/** A skeleton in padded-box voxel indices: node i sits at voxel[i], parent -1 for roots. */
export interface VoxelTree {
  readonly voxels: number[];
  readonly parents: number[];
  /** Distance to boundary (nm) at each node. */
  readonly radii: number[];
}

export class AbortError extends Error {
  constructor() {
    super('skeletonization aborted');
    this.name = 'AbortError';
  }
}

/**
 * TEASAR on a padded binary mask (border voxels must be 0). Each connected component gets its
 * own tree: root = farthest voxel from an arbitrary one; then, repeatedly, the valid voxel
 * farthest from the root (geodesically) is joined to the tree along the penalised cheapest path,
 * and a ball around the new path voxels is invalidated, until no valid voxel remains. Paths end
 * where they meet the tree (kimimaro's fix_branching), so branches start where shapes diverge.
 */
export function teasarTree(
  mask: Uint8Array,
  shape: Vec3,
  resolution: Vec3,
  options: TeasarOptions = {},
): VoxelTree {
  const opts = { ...TEASAR_DEFAULTS, ...options };
  const dbf = distanceTransform(mask, shape, resolution);
  let foreground = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) foreground++;
  const unit = Math.min(...resolution);
  const search = new VoxelSearch(mask, shape, resolution, unit, opts.pdrfScale);
  const tree: VoxelTree = { voxels: [], parents: [], radii: [] };
  const nodeOf = new Int32Array(mask.length).fill(-1);
  const valid = new Uint8Array(mask);
  const order = new Int32Array(foreground);
  const penalty = new Uint16Array(mask.length);
  const ctx: Context = { mask, shape, resolution, dbf, search, tree, nodeOf, valid, order, penalty, opts };
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0 || search.visited(i)) continue;
    if (opts.signal?.aborted) throw new AbortError();
    // Root: the farthest voxel from an arbitrary one (face neighbours suffice for an extremity).
    const root = order[search.geodesic(i, order, true) - 1]!;
    const count = search.geodesic(root, order);
    if (count < opts.minComponentVoxels) continue;
    traceComponent(ctx, root, count);
  }
  return tree;
}

interface Context {
  readonly mask: Uint8Array;
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly dbf: Float32Array;
  readonly search: VoxelSearch;
  readonly tree: VoxelTree;
  readonly nodeOf: Int32Array;
  readonly valid: Uint8Array;
  readonly order: Int32Array;
  /** Quantised penalty per voxel (VoxelSearch cost units). */
  readonly penalty: Uint16Array;
  readonly opts: Required<Omit<TeasarOptions, 'signal'>> & Pick<TeasarOptions, 'signal'>;
}

/**
 * Trace one component whose voxels `order` holds in increasing geodesic distance from `root`:
 * the farthest valid voxel is found by walking back from the end, and voxels only ever turn
 * invalid, so one pointer serves all targets.
 */
function traceComponent(ctx: Context, root: number, count: number): void {
  const { search, order, valid, nodeOf, opts } = ctx;
  fillPenalty(ctx, count);
  addNode(ctx, root, -1);
  invalidateBall(ctx, root, -1);
  let cursor = count - 1;
  for (let paths = 0; paths < opts.maxPaths; paths++) {
    while (cursor >= 0 && valid[order[cursor]!] === 0) cursor--;
    if (cursor < 0) break;
    if (opts.signal?.aborted) throw new AbortError();
    const path = search.pathToSet(order[cursor]!, nodeOf, ctx.penalty);
    if (!path) break;
    let parent = nodeOf[path[0]!]!;
    let coveredBy = -1;
    for (let k = 1; k < path.length; k++) {
      const v = path[k]!;
      parent = addNode(ctx, v, parent);
      coveredBy = invalidateBall(ctx, v, coveredBy);
    }
  }
}

/** kimimaro's PDRF without the DAF trickle (our edge costs add the step length instead). */
function fillPenalty(ctx: Context, count: number): void {
  const { order, dbf, penalty, opts } = ctx;
  let max = 0;
  for (let k = 0; k < count; k++) max = Math.max(max, dbf[order[k]!]!);
  const m = 1 / Math.pow(max, 1.01);
  const exponent = opts.pdrfExponent;
  // Repeated squaring when the exponent is a power of two: Math.pow is much slower.
  const squarings = Number.isInteger(Math.log2(exponent)) ? Math.log2(exponent) : -1;
  for (let k = 0; k < count; k++) {
    const v = order[k]!;
    let p = Math.max(0, 1 - dbf[v]! * m);
    if (squarings >= 0) for (let j = 0; j < squarings; j++) p *= p;
    else p = Math.pow(p, exponent);
    penalty[v] = VoxelSearch.quantisePenalty(opts.pdrfScale * p);
  }
}

function addNode(ctx: Context, voxel: number, parent: number): number {
  const { tree, nodeOf, dbf } = ctx;
  const node = tree.voxels.length;
  tree.voxels.push(voxel);
  tree.parents.push(parent);
  tree.radii.push(dbf[voxel]!);
  nodeOf[voxel] = node;
  return node;
}

/**
 * Invalidate the ball of radius scale * DBF + const around `voxel`. Consecutive path voxels have
 * nearly the same ball, so a ball centred close to the last one drawn (`last`, or -1) is
 * skipped; drawn balls are inflated by the skip distance so the union still covers every ball.
 * Returns the voxel whose ball was last drawn.
 */
function invalidateBall(ctx: Context, voxel: number, last: number): number {
  const { dbf, opts, shape, resolution } = ctx;
  const radius = opts.scale * dbf[voxel]! + opts.constNm;
  const skip = 0.2 * radius;
  if (last >= 0) {
    const lastRadius = opts.scale * dbf[last]! + opts.constNm;
    if (distanceNm(shape, resolution, voxel, last) + radius <= lastRadius + 0.2 * lastRadius) return last;
  }
  clearBall(ctx, voxel, radius + skip);
  return voxel;
}

function distanceNm(shape: Vec3, res: Vec3, a: number, b: number): number {
  const [, ny, nx] = shape;
  const dz = Math.floor(a / (ny * nx)) - Math.floor(b / (ny * nx));
  const dy = (Math.floor(a / nx) % ny) - (Math.floor(b / nx) % ny);
  const dx = (a % nx) - (b % nx);
  return Math.hypot(dz * res[0], dy * res[1], dx * res[2]);
}

function clearBall(ctx: Context, voxel: number, radius: number): void {
  const { valid, shape, resolution } = ctx;
  const [nz, ny, nx] = shape;
  const cz = Math.floor(voxel / (ny * nx));
  const cy = Math.floor(voxel / nx) % ny;
  const cx = voxel % nx;
  const r2 = radius * radius;
  const [rz, ry, rx] = resolution;
  const hz = Math.floor(radius / rz);
  for (let z = Math.max(0, cz - hz); z <= Math.min(nz - 1, cz + hz); z++) {
    const ez = (z - cz) * rz;
    const left = r2 - ez * ez;
    const hy = Math.floor(Math.sqrt(left) / ry);
    for (let y = Math.max(0, cy - hy); y <= Math.min(ny - 1, cy + hy); y++) {
      const ey = (y - cy) * ry;
      const hx = Math.floor(Math.sqrt(Math.max(0, left - ey * ey)) / rx);
      const row = (z * ny + y) * nx;
      valid.fill(0, row + Math.max(0, cx - hx), row + Math.min(nx - 1, cx + hx) + 1);
    }
  }
}
