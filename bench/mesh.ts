/**
 * Mesh extraction benchmark: one large tube segment (median ms), all segments of the volume
 * (Mvoxels/s), and the same all-segments job in Python with skimage.measure.marching_cubes
 * looped over each label's bounding box. Prints one JSON object.
 *
 *   node --import tsx bench/mesh.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meshAllSegments } from '../shared/mesh/meshAllSegments';
import { meshSegment } from '../shared/mesh/meshSegment';
import { compactLabels, IdTable } from '../shared/volume/idTable';
import type { Vec3 } from '../shared/volume/types';

interface LabelVolume {
  readonly source: string;
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly labels: Uint32Array;
}

interface DemoModule {
  generateDemo?: () => { shape: Vec3; resolution: Vec3; segmentation: BigUint64Array };
}

/** The demo volume when its generator exists, else a synthetic one of the same size. */
async function loadVolume(): Promise<LabelVolume> {
  const demoPath = '../shared/demo/generateDemo';
  try {
    const demo = (await import(demoPath)) as DemoModule;
    if (demo.generateDemo) {
      const { shape, resolution, segmentation } = demo.generateDemo();
      return { source: 'generateDemo', shape, resolution, labels: compactLabels(segmentation, new IdTable()) };
    }
  } catch {
    // Not written yet: fall back to the synthetic volume below.
  }
  return { source: 'synthetic', shape: [64, 256, 256], resolution: [30, 8, 8], labels: syntheticVolume() };
}

/** Seeded mulberry32, so the synthetic volume is the same on every run. */
class Random {
  constructor(private state: number) {}

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Voronoi cells (jittered seeds, nearest in nm) crossed by wiggling tubes, one of them thick. */
function syntheticVolume(): Uint32Array {
  const [nz, ny, nx] = [64, 256, 256];
  const kz = 30 / 8;
  const rng = new Random(7);
  const cell = [16, 32, 32];
  const grid = [nz / cell[0]!, ny / cell[1]!, nx / cell[2]!];
  const seeds = new Float64Array(grid[0]! * grid[1]! * grid[2]! * 3);
  for (let i = 0; i < seeds.length / 3; i++) {
    const g = [Math.floor(i / (grid[1]! * grid[2]!)), Math.floor(i / grid[2]!) % grid[1]!, i % grid[2]!];
    for (let a = 0; a < 3; a++) seeds[3 * i + a] = (g[a]! + rng.next()) * cell[a]!;
  }
  const labels = new Uint32Array(nz * ny * nx);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        labels[(z * ny + y) * nx + x] = nearestSeed(seeds, grid, cell, [z, y, x], kz) + 1;
      }
    }
  }
  const base = seeds.length / 3 + 1;
  for (let t = 0; t < 24; t++) drawTube(labels, [nz, ny, nx], kz, rng, t === 0 ? 22 : rng.range(3, 9), base + t);
  return labels;
}

function nearestSeed(seeds: Float64Array, grid: number[], cell: number[], p: number[], kz: number): number {
  const g = p.map((v, a) => Math.floor(v / cell[a]!));
  let best = -1;
  let bestD = Infinity;
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const q = [g[0]! + dz, g[1]! + dy, g[2]! + dx];
        if (q.some((v, a) => v < 0 || v >= grid[a]!)) continue;
        const i = (q[0]! * grid[1]! + q[1]!) * grid[2]! + q[2]!;
        const d = ((seeds[3 * i]! - p[0]!) * kz) ** 2 + (seeds[3 * i + 1]! - p[1]!) ** 2 + (seeds[3 * i + 2]! - p[2]!) ** 2;
        if (d < bestD) [best, bestD] = [i, d];
      }
    }
  }
  return best;
}

/** A tube along x or y (random), drifting and wiggling in the other two axes; radius in xy voxels. */
function drawTube(labels: Uint32Array, shape: Vec3, kz: number, rng: Random, radius: number, label: number): void {
  const [nz, ny, nx] = shape;
  const alongX = rng.chance(0.5);
  const length = alongX ? nx : ny;
  const across = alongX ? ny : nx;
  const [c0, c1] = [rng.range(0.2, 0.8) * across, rng.range(0.25, 0.75) * nz];
  const [s0, s1] = [rng.range(-0.4, 0.4), rng.range(-0.05, 0.05)];
  const phase = rng.range(0, 6.28);
  for (let t = -radius; t < length + radius; t += 1) {
    const u = c0 + s0 * (t - length / 2) + 10 * Math.sin(t / 40 + phase);
    const w = c1 + s1 * (t - length / 2) + 3 * Math.sin(t / 55 + 2 * phase);
    const centre = alongX ? [w, u, t] : [w, t, u];
    stampBall(labels, shape, centre, radius, kz, label);
  }
}

function stampBall(labels: Uint32Array, shape: Vec3, c: number[], r: number, kz: number, label: number): void {
  const [nz, ny, nx] = shape;
  const rz = r / kz;
  for (let z = Math.max(0, Math.ceil(c[0]! - rz)); z <= Math.min(nz - 1, c[0]! + rz); z++) {
    for (let y = Math.max(0, Math.ceil(c[1]! - r)); y <= Math.min(ny - 1, c[1]! + r); y++) {
      for (let x = Math.max(0, Math.ceil(c[2]! - r)); x <= Math.min(nx - 1, c[2]! + r); x++) {
        const d = ((z - c[0]!) * kz) ** 2 + (y - c[1]!) ** 2 + (x - c[2]!) ** 2;
        if (d <= r * r) labels[(z * ny + y) * nx + x] = label;
      }
    }
  }
}

function largestLabel(labels: Uint32Array): { label: number; voxels: number } {
  const counts = new Map<number, number>();
  for (const v of labels) if (v !== 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = { label: 0, voxels: 0 };
  for (const [label, voxels] of counts) if (voxels > best.voxels) best = { label, voxels };
  return best;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeRuns(runs: number, f: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const PEER = `
import sys, time, numpy as np
from scipy import ndimage
from skimage.measure import marching_cubes
path, nz, ny, nx, rz, ry, rx = sys.argv[1], *map(int, sys.argv[2:5]), *map(float, sys.argv[5:8])
vol = np.fromfile(path, dtype=np.uint32).reshape(nz, ny, nx)
t0 = time.perf_counter()
tris = 0
for i, sl in enumerate(ndimage.find_objects(vol)):
    if sl is None: continue
    sub = np.pad(vol[sl] == i + 1, 1).astype(np.float32)
    verts, faces, _, _ = marching_cubes(sub, 0.5, spacing=(rz, ry, rx))
    tris += len(faces)
dt = time.perf_counter() - t0
print(vol.size / dt / 1e6, tris)
`;

/** The same all-segments job in Python, or null when skimage is missing. */
function pythonPeer(vol: LabelVolume): { mvoxPerS: number; triangles: number } | null {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-bench-'));
  try {
    const file = join(dir, 'labels.u32');
    writeFileSync(file, vol.labels);
    const args = ['-c', PEER, file, ...vol.shape.map(String), ...vol.resolution.map(String)];
    for (const python of ['python3', '/usr/bin/python3']) {
      try {
        const out = execFileSync(python, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        const [mvox, tris] = out.trim().split(/\s+/).map(Number);
        return { mvoxPerS: round(mvox!), triangles: tris! };
      } catch {
        // This interpreter lacks skimage or scipy; try the next one.
      }
    }
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number, digits = 2): number {
  return Number(x.toFixed(digits));
}

async function main(): Promise<void> {
  const vol = await loadVolume();
  const { shape, resolution, labels } = vol;
  const voxels = labels.length;
  const big = largestLabel(labels);
  const oneSegmentMs = timeRuns(9, () => meshSegment(labels, shape, big.label, { resolution }));
  const one = meshSegment(labels, shape, big.label, { resolution });
  let meshes = new Map<number, { indices: Uint32Array }>();
  const allMs = timeRuns(5, () => (meshes = meshAllSegments(labels, shape, { resolution })));
  const allNoNormalsMs = timeRuns(3, () => meshAllSegments(labels, shape, { resolution, normals: false }));
  const smoothMs = timeRuns(5, () => meshSegment(labels, shape, big.label, { resolution, smoothing: 4 }));
  let triangles = 0;
  for (const m of meshes.values()) triangles += m.indices.length / 3;
  const peer = pythonPeer(vol);
  const result = {
    bench: 'mesh',
    volume: { source: vol.source, shape, resolution, segments: meshes.size },
    oneSegmentMs: round(oneSegmentMs),
    oneSegment: { voxels: big.voxels, triangles: one.indices.length / 3 },
    oneSegmentSmoothed4Ms: round(smoothMs),
    allSegmentsMs: round(allMs),
    allSegmentsMvoxPerS: round(voxels / allMs / 1e3),
    allSegmentsNoNormalsMvoxPerS: round(voxels / allNoNormalsMs / 1e3),
    allSegmentsTriangles: triangles,
    peer: { name: 'skimage.marching_cubes', mvoxPerS: peer?.mvoxPerS ?? null, triangles: peer?.triangles ?? null },
  };
  console.log(JSON.stringify(result));
}

await main();
