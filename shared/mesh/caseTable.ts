import type { MeshConnectivity } from './types';

/*
 * Marching-cubes case tables, generated rather than typed in so that every case follows one
 * rule and the surface is closed and manifold by construction:
 *
 * - A cell is the cube between 8 voxel centres; corner i sits at (dx, dy, dz) = (i & 1,
 *   (i >> 1) & 1, i >> 2). A case is the 8-bit set of corners inside the label.
 * - On each of the 6 cell faces the surface crosses as arcs joining midpoints of face edges
 *   whose corners differ. A face with two diagonal inside corners is ambiguous: connectivity 18
 *   joins them (arcs go around the outside corners), 6 keeps them apart. The choice depends only
 *   on the face, so the two cells sharing a face draw the same arcs, in opposite directions.
 * - Arcs chain into closed polygons (one per surface sheet in the cell). Each polygon is
 *   triangulated without a chord joining two edges of one face: such a chord lies in the face
 *   and the neighbouring cell could draw it too, making an edge with four triangles.
 *
 * So every mesh edge is either an arc (one triangle on each side of the face) or a chord inside
 * one cell (two triangles of one polygon): exactly two triangles per edge, and each vertex's
 * triangles form one fan around it.
 */

/** Corner indices at each end of the 12 cell edges: x-edges 0-3, y-edges 4-7, z-edges 8-11. */
export const EDGE_LO = new Uint8Array(12);
export const EDGE_HI = new Uint8Array(12);
/** Midpoint of each edge relative to the cell's lowest corner, x,y,z per edge. */
export const EDGE_MID = new Float64Array(36);

for (let k = 0; k < 12; k++) {
  const axis = k >> 2;
  const a = k & 1;
  const b = (k >> 1) & 1;
  // The two non-axis bits of the low corner, in x, y, z order.
  const lo = axis === 0 ? (a << 1) | (b << 2) : axis === 1 ? a | (b << 2) : a | (b << 1);
  EDGE_LO[k] = lo;
  EDGE_HI[k] = lo | (1 << axis);
  for (let c = 0; c < 3; c++) EDGE_MID[3 * k + c] = c === axis ? 0.5 : (lo >> c) & 1;
}

function edgeBetween(p: number, q: number): number {
  for (let k = 0; k < 12; k++) {
    if ((EDGE_LO[k] === p && EDGE_HI[k] === q) || (EDGE_LO[k] === q && EDGE_HI[k] === p)) return k;
  }
  throw new Error(`corners ${p} and ${q} share no edge`);
}

interface Face {
  /** Corners counter-clockwise seen from outside the cell. */
  readonly corners: readonly number[];
  /** edges[j] joins corners[j] and corners[j + 1]. */
  readonly edges: readonly number[];
}

function buildFaces(): Face[] {
  const faces: Face[] = [];
  for (let axis = 0; axis < 3; axis++) {
    // (u, v, axis) is right-handed, so increasing angle in (u, v) turns about +axis.
    const u = (axis + 1) % 3;
    const v = (axis + 2) % 3;
    for (let side = 0; side < 2; side++) {
      const bit = (c: number, ax: number): number => (c >> ax) & 1;
      let corners = [0, 1, 2, 3, 4, 5, 6, 7].filter((c) => bit(c, axis) === side);
      const angle = (c: number): number => Math.atan2(bit(c, v) - 0.5, bit(c, u) - 0.5);
      corners.sort((p, q) => angle(p) - angle(q));
      if (side === 0) corners = corners.reverse(); // outward normal is -axis
      faces.push({ corners, edges: corners.map((c, j) => edgeBetween(c, corners[(j + 1) % 4]!)) });
    }
  }
  return faces;
}

const FACES = buildFaces();
/** Bit f set when edge k lies on face f. */
const EDGE_FACES = new Uint8Array(12);
FACES.forEach((face, f) => face.edges.forEach((k) => (EDGE_FACES[k]! |= 1 << f)));

/**
 * Directed arcs [from, to] on one face, with the inside on the left seen from outside the cell.
 * Arcs go around runs of inside corners, or of outside corners when joining ambiguous faces.
 */
function faceArcs(face: Face, cs: number, join: boolean): [number, number][] {
  const inside = face.corners.map((c) => ((cs >> c) & 1) === 1);
  const count = inside.filter(Boolean).length;
  if (count === 0 || count === 4) return [];
  const ambiguous = count === 2 && inside[0] === inside[2];
  const aroundInside = !(ambiguous && join);
  const arcs: [number, number][] = [];
  for (let j = 0; j < 4; j++) {
    const prev = inside[(j + 3) % 4]!;
    if (inside[j] === prev || inside[j] !== aroundInside) continue;
    // A run of corners with inside === aroundInside starts at j; find where it ends.
    let end = j;
    while (inside[(end + 1) % 4] === aroundInside) end = (end + 1) % 4;
    const enter = face.edges[(j + 3) % 4]!;
    const leave = face.edges[end]!;
    arcs.push(aroundInside ? [leave, enter] : [enter, leave]);
  }
  return arcs;
}

/** The closed polygons (cycles of edge indices) the surface forms in a cell of case `cs`. */
export function cellPolygons(cs: number, connectivity: MeshConnectivity): number[][] {
  const next = new Int8Array(12).fill(-1);
  for (const face of FACES) {
    for (const [from, to] of faceArcs(face, cs, connectivity === 18)) {
      if (next[from] !== -1) throw new Error(`case ${cs}: edge ${from} leaves twice`);
      next[from] = to;
    }
  }
  const seen = new Uint8Array(12);
  const polygons: number[][] = [];
  for (let start = 0; start < 12; start++) {
    if (next[start] === -1 || seen[start]) continue;
    const poly: number[] = [];
    for (let k = start; !seen[k]; k = next[k]!) {
      seen[k] = 1;
      poly.push(k);
    }
    polygons.push(poly);
  }
  return polygons;
}

function chordCost(a: number, b: number): number {
  if ((EDGE_FACES[a]! & EDGE_FACES[b]!) !== 0) return Infinity;
  let d = 0;
  for (let c = 0; c < 3; c++) d += (EDGE_MID[3 * a + c]! - EDGE_MID[3 * b + c]!) ** 2;
  return d;
}

/** Minimum total chord length triangulation of a polygon, avoiding chords that lie in a face. */
function triangulate(poly: readonly number[]): number[] {
  const n = poly.length;
  const cost: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(-1));
  const side = (i: number, j: number): number =>
    j - i === 1 || (i === 0 && j === n - 1) ? 0 : chordCost(poly[i]!, poly[j]!);
  for (let len = 2; len < n; len++) {
    for (let i = 0; i + len < n; i++) {
      const j = i + len;
      cost[i]![j] = Infinity;
      for (let k = i + 1; k < j; k++) {
        const c = cost[i]![k]! + cost[k]![j]! + side(i, k) + side(k, j);
        if (c < cost[i]![j]!) {
          cost[i]![j] = c;
          split[i]![j] = k;
        }
      }
    }
  }
  if (!Number.isFinite(cost[0]![n - 1]!)) throw new Error(`no valid triangulation of [${poly.join(',')}]`);
  const out: number[] = [];
  const emit = (i: number, j: number): void => {
    if (j - i < 2) return;
    const k = split[i]![j]!;
    out.push(poly[i]!, poly[k]!, poly[j]!);
    emit(i, k);
    emit(k, j);
  };
  emit(0, n - 1);
  return out;
}

export interface CaseTable {
  /** Triangles per case. */
  readonly count: Uint8Array;
  /** Edge indices, 3 per triangle, `stride` entries per case. */
  readonly edges: Uint8Array;
  readonly stride: number;
}

/** Whether triangle (a, b, c) of case 1 (corner 0 inside) faces away from corner 0. */
function facesOutward(a: number, b: number, c: number): boolean {
  const m = (k: number, i: number): number => EDGE_MID[3 * k + i]!;
  const u = [0, 1, 2].map((i) => m(b, i) - m(a, i));
  const v = [0, 1, 2].map((i) => m(c, i) - m(a, i));
  const n = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
  return n[0]! + n[1]! + n[2]! > 0;
}

function buildTable(connectivity: MeshConnectivity): CaseTable {
  const tris = Array.from({ length: 256 }, (_, cs) => cellPolygons(cs, connectivity).flatMap(triangulate));
  const [a, b, c] = tris[1]!;
  const flip = !facesOutward(a!, b!, c!);
  const stride = Math.max(...tris.map((t) => t.length));
  const count = new Uint8Array(256);
  const edges = new Uint8Array(256 * stride);
  tris.forEach((t, cs) => {
    count[cs] = t.length / 3;
    for (let i = 0; i < t.length; i += 3) {
      edges[cs * stride + i] = t[i]!;
      edges[cs * stride + i + 1] = flip ? t[i + 2]! : t[i + 1]!;
      edges[cs * stride + i + 2] = flip ? t[i + 1]! : t[i + 2]!;
    }
  });
  return { count, edges, stride };
}

const tables = new Map<MeshConnectivity, CaseTable>();

export function caseTable(connectivity: MeshConnectivity): CaseTable {
  let table = tables.get(connectivity);
  if (!table) {
    table = buildTable(connectivity);
    tables.set(connectivity, table);
  }
  return table;
}
