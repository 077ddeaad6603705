/**
 * Mesh extraction benchmark on the demo volume (64 x 256 x 256, 30 x 8 x 8 nm): the largest
 * segment (a tube across the volume) and the largest ground-truth axon (median ms), all
 * segments of the FFN-like segmentation (Mvoxels/s),
 * and the same all-segments job in Python with skimage.measure.marching_cubes looped over each
 * label's bounding box, in the same run. Prints one JSON object.
 *
 *   node --import tsx bench/mesh.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../shared/demo/generateDemo';
import { meshAllSegments } from '../shared/mesh/meshAllSegments';
import { meshSegment } from '../shared/mesh/meshSegment';
import { compactLabels, IdTable } from '../shared/volume/idTable';
import type { Vec3 } from '../shared/volume/types';
import { printResult } from './lib/output';
import { median, round } from './lib/stats';
import { under } from './lib/target';

/** The target for meshing one demo axon. */
const ONE_AXON_TARGET_MS = 50;
/** Debian's python3 has numpy, scipy and scikit-image; a pyenv python3 on PATH may not. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface LabelVolume {
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly labels: Uint32Array;
}

interface Segment {
  readonly label: number;
  readonly voxels: number;
}

function voxelCounts(labels: Uint32Array, size: number): Uint32Array {
  const counts = new Uint32Array(size);
  for (const v of labels) counts[v]!++;
  return counts;
}

/** The largest non-zero segment (in the demo, a dendrite-sized tube of about 100k voxels). */
function largestSegment(labels: Uint32Array, table: IdTable): Segment {
  const counts = voxelCounts(labels, table.size);
  let best = { label: 0, voxels: 0 };
  counts.forEach((voxels, label) => {
    if (label !== 0 && voxels > best.voxels) best = { label, voxels };
  });
  return best;
}

/** The ground-truth axon with the most voxels, as a dense index into `labels`. */
function largestAxon(labels: Uint32Array, table: IdTable, axonIds: readonly bigint[]): Segment {
  const counts = voxelCounts(labels, table.size);
  let best = { label: 0, voxels: 0 };
  for (const id of axonIds) {
    const label = table.find(id);
    if (label !== undefined && counts[label]! > best.voxels) best = { label, voxels: counts[label]! };
  }
  return best;
}

/** Median wall time and median CPU time of this process (the machine is shared), in ms. */
function timeRuns(runs: number, f: () => void): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const PEER = `
import sys, time, numpy as np
from scipy import ndimage
from skimage.measure import marching_cubes
path, nz, ny, nx, rz, ry, rx = sys.argv[1], *map(int, sys.argv[2:5]), *map(float, sys.argv[5:8])
vol = np.fromfile(path, dtype=np.uint32).reshape(nz, ny, nx)
t0 = time.perf_counter()
c0 = time.process_time()
tris = 0
for i, sl in enumerate(ndimage.find_objects(vol)):
    if sl is None: continue
    sub = np.pad(vol[sl] == i + 1, 1).astype(np.float32)
    verts, faces, _, _ = marching_cubes(sub, 0.5, spacing=(rz, ry, rx))
    tris += len(faces)
print(vol.size / (time.perf_counter() - t0) / 1e6, vol.size / (time.process_time() - c0) / 1e6, tris)
`;

interface PeerResult {
  readonly mvoxPerS: number;
  readonly mvoxPerCpuS: number;
  readonly triangles: number;
}

/** The same all-segments job in Python, or why it could not run (skimage or scipy missing). */
function pythonPeer(vol: LabelVolume): PeerResult | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-bench-'));
  try {
    const file = join(dir, 'labels.u32');
    writeFileSync(file, vol.labels);
    const args = ['-c', PEER, file, ...vol.shape.map(String), ...vol.resolution.map(String)];
    const out = execFileSync(PYTHON, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [mvox, mvoxCpu, tris] = out.trim().split(/\s+/).map(Number);
    return { mvoxPerS: round(mvox!), mvoxPerCpuS: round(mvoxCpu!), triangles: tris! };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1);
    return { error: `${PYTHON} could not run the skimage peer: ${stderr ?? (error as Error).message}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const demo = generateDemo();
  const { shape, resolution } = demo;
  const gtTable = new IdTable();
  const groundTruth = compactLabels(demo.groundTruth, gtTable);
  const axon = largestAxon(groundTruth, gtTable, demo.axonIds);
  const segTable = new IdTable();
  const labels = compactLabels(demo.segmentation, segTable);
  const big = largestSegment(labels, segTable);
  const vol: LabelVolume = { shape, resolution, labels };
  const voxels = labels.length;

  const mesh = (block: Uint32Array, label: number, smoothing = 0): number =>
    meshSegment(block, shape, label, { resolution, smoothing }).indices.length / 3;
  const one = timeRuns(9, () => mesh(labels, big.label));
  const smoothed = timeRuns(5, () => mesh(labels, big.label, 4));
  const axonTime = timeRuns(9, () => mesh(groundTruth, axon.label));
  let meshes = new Map<number, { indices: Uint32Array }>();
  const all = timeRuns(5, () => (meshes = meshAllSegments(labels, shape, { resolution })));
  const bare = timeRuns(3, () => meshAllSegments(labels, shape, { resolution, normals: false }));
  let triangles = 0;
  for (const m of meshes.values()) triangles += m.indices.length / 3;
  const peer = pythonPeer(vol);
  const result = {
    bench: 'mesh',
    // Shared machine: the 1-minute load average says how contended the timings were.
    loadAverage: round(loadavg()[0]!),
    volume: { source: 'generateDemo', shape, resolution, segments: meshes.size },
    oneSegmentMs: round(one.wall),
    oneSegmentCpuMs: round(one.cpu),
    oneSegment: { voxels: big.voxels, triangles: mesh(labels, big.label) },
    oneSegmentSmoothed4Ms: round(smoothed.wall),
    largestAxonMs: round(axonTime.wall),
    largestAxon: { voxels: axon.voxels, triangles: mesh(groundTruth, axon.label) },
    allSegmentsMs: round(all.wall),
    allSegmentsMvoxPerS: round(voxels / all.wall / 1e3),
    allSegmentsMvoxPerCpuS: round(voxels / all.cpu / 1e3),
    allSegmentsNoNormalsMvoxPerS: round(voxels / bare.wall / 1e3),
    allSegmentsTriangles: triangles,
    peer: { name: 'skimage.measure.marching_cubes', python: PYTHON, ...peer },
    targets: { largestAxonMs: under(round(axonTime.wall), ONE_AXON_TARGET_MS, 'ms') },
  };
  printResult(result);
}

main();
