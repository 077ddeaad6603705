import type { Mesh } from './types';

export interface MeshStats {
  readonly vertices: number;
  readonly triangles: number;
  /** Undirected edges (distinct vertex pairs). */
  readonly edges: number;
  /** Edges used by one triangle (holes). */
  readonly boundaryEdges: number;
  /** Edges used by more than two triangles. */
  readonly nonManifoldEdges: number;
  /** Edges used twice in the same direction (neighbouring triangles wound oppositely). */
  readonly misorientedEdges: number;
  /** Vertices whose triangles do not form a single fan (pinch points). */
  readonly nonManifoldVertices: number;
  readonly degenerateTriangles: number;
  /** V - E + F over referenced vertices: 2 per sphere-like component, 0 per torus. */
  readonly euler: number;
  /** Connected components (via shared vertices). */
  readonly components: number;
  /** Enclosed volume (divergence theorem), positive when triangles face outward. */
  readonly signedVolume: number;
}

/** Topology and geometry figures for checking meshes (tests, debugging). */
export function meshStats(mesh: Mesh): MeshStats {
  const { positions: p, indices } = mesh;
  const triangles = indices.length / 3;
  const edgeUse = countEdges(indices, p.length / 3);
  let boundaryEdges = 0;
  let nonManifoldEdges = 0;
  let misorientedEdges = 0;
  for (const [forward, backward] of edgeUse.values()) {
    const uses = forward + backward;
    if (uses === 1) boundaryEdges++;
    else if (uses > 2) nonManifoldEdges++;
    else if (forward !== backward) misorientedEdges++;
  }
  const referenced = new Uint8Array(p.length / 3);
  for (const v of indices) referenced[v] = 1;
  const vertices = referenced.reduce((s, r) => s + r, 0);
  return {
    vertices,
    triangles,
    edges: edgeUse.size,
    boundaryEdges,
    nonManifoldEdges,
    misorientedEdges,
    nonManifoldVertices: countPinchedVertices(indices, p.length / 3),
    degenerateTriangles: countDegenerate(p, indices),
    euler: vertices - edgeUse.size + triangles,
    components: countComponents(indices, p.length / 3),
    signedVolume: signedVolume(p, indices),
  };
}

/** Per undirected edge (key lo * n + hi): uses as lo->hi and as hi->lo. */
function countEdges(indices: Uint32Array, n: number): Map<number, [number, number]> {
  const uses = new Map<number, [number, number]>();
  for (let t = 0; t < indices.length; t += 3) {
    for (let c = 0; c < 3; c++) {
      const a = indices[t + c]!;
      const b = indices[t + ((c + 1) % 3)]!;
      const key = Math.min(a, b) * n + Math.max(a, b);
      const u = uses.get(key) ?? [0, 0];
      u[a < b ? 0 : 1]++;
      uses.set(key, u);
    }
  }
  return uses;
}

/** A vertex is manifold when its link edges (b -> c for each triangle a, b, c at it) form one cycle. */
function countPinchedVertices(indices: Uint32Array, n: number): number {
  const links = Array.from({ length: n }, () => [] as number[]);
  for (let t = 0; t < indices.length; t += 3) {
    for (let c = 0; c < 3; c++) {
      links[indices[t + c]!]!.push(indices[t + ((c + 1) % 3)]!, indices[t + ((c + 2) % 3)]!);
    }
  }
  let pinched = 0;
  for (const link of links) {
    if (link.length === 0) continue;
    const next = new Map<number, number>();
    for (let i = 0; i < link.length; i += 2) next.set(link[i]!, link[i + 1]!);
    let steps = 0;
    let v = link[0]!;
    do {
      v = next.get(v) ?? -1;
      steps++;
    } while (v !== link[0] && v !== -1 && steps <= link.length);
    if (v !== link[0] || steps !== link.length / 2 || next.size !== steps) pinched++;
  }
  return pinched;
}

function countDegenerate(p: Float32Array, indices: Uint32Array): number {
  let degenerate = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [3 * indices[t]!, 3 * indices[t + 1]!, 3 * indices[t + 2]!];
    const u = [p[b]! - p[a]!, p[b + 1]! - p[a + 1]!, p[b + 2]! - p[a + 2]!];
    const v = [p[c]! - p[a]!, p[c + 1]! - p[a + 1]!, p[c + 2]! - p[a + 2]!];
    const cross = Math.hypot(
      u[1]! * v[2]! - u[2]! * v[1]!,
      u[2]! * v[0]! - u[0]! * v[2]!,
      u[0]! * v[1]! - u[1]! * v[0]!,
    );
    const scale = Math.max(Math.hypot(u[0]!, u[1]!, u[2]!), Math.hypot(v[0]!, v[1]!, v[2]!)) ** 2;
    if (cross <= 1e-9 * scale) degenerate++;
  }
  return degenerate;
}

function countComponents(indices: Uint32Array, n: number): number {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  for (let t = 0; t < indices.length; t += 3) {
    const a = find(indices[t]!);
    parent[find(indices[t + 1]!)] = a;
    parent[find(indices[t + 2]!)] = a;
  }
  const roots = new Set<number>();
  for (const v of indices) roots.add(find(v));
  return roots.size;
}

function signedVolume(p: Float32Array, indices: Uint32Array): number {
  let sum = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [3 * indices[t]!, 3 * indices[t + 1]!, 3 * indices[t + 2]!];
    sum +=
      p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!) -
      p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!) +
      p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!);
  }
  return sum / 6;
}
