/** Cross-check against scikit-image's marching cubes (Lewiner), run by the system python. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meshSegment } from '../../../shared/mesh/meshSegment';
import { meshStats } from '../../../shared/mesh/meshStats';
import type { Vec3 } from '../../../shared/volume/types';
import { ball, emptyBlock, paint, torus } from './shapes';

const PYTHON = ['python3', '/usr/bin/python3'].find(
  (exe) => spawnSync(exe, ['-c', 'import skimage.measure'], { stdio: 'ignore' }).status === 0,
);

// Marching cubes of the padded 0/1 mask at level 0.5; vertices moved back by the padding and
// reported x,y,z; volume by the divergence theorem (sign depends on skimage's winding).
const SCRIPT = `
import sys, json, numpy as np
from skimage.measure import marching_cubes
path, nz, ny, nx, label = sys.argv[1], *map(int, sys.argv[2:6])
res = np.array(list(map(float, sys.argv[6:9])))
mask = np.pad(np.fromfile(path, dtype=np.uint32).reshape(nz, ny, nx) == label, 1).astype(np.float32)
verts, faces, _, _ = marching_cubes(mask, 0.5, spacing=tuple(res))
verts = verts - res
a, b, c = (verts[faces[:, i]] for i in range(3))
volume = abs(np.einsum('ij,ij->i', a, np.cross(b, c)).sum() / 6)
print(json.dumps({'verts': verts[:, ::-1].round(3).ravel().tolist(), 'volume': float(volume)}))
`;

function skimageMesh(
  labels: Uint32Array,
  shape: Vec3,
  label: number,
  res: Vec3,
): { verts: number[]; volume: number } {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-skimage-'));
  try {
    const file = join(dir, 'labels.u32');
    writeFileSync(file, labels);
    const args = ['-c', SCRIPT, file, ...shape.map(String), String(label), ...res.map(String)];
    const out = spawnSync(PYTHON!, args, { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout) as { verts: number[]; volume: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Vertices as sorted "x,y,z" strings rounded to 1e-3 nm. */
function vertexSet(flat: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 3)
    out.push([0, 1, 2].map((a) => Number(flat[i + a]).toFixed(3)).join());
  return out.sort();
}

describe.skipIf(!PYTHON)('meshSegment against skimage.measure.marching_cubes', () => {
  it('puts vertices where skimage does and encloses the same volume', () => {
    const res: Vec3 = [30, 8, 8];
    const block = emptyBlock([10, 26, 30]);
    paint(block, 2, res, ball([4 * 30, 12 * 8, 13 * 8], 85));
    paint(block, 2, res, torus([5 * 30, 13 * 8, 16 * 8], 70, 30));
    paint(block, 3, res, ball([2 * 30, 4 * 8, 4 * 8], 40));
    const mesh = meshSegment(block.labels, block.shape, 2, { resolution: res });
    const peer = skimageMesh(block.labels, block.shape, 2, res);
    expect(vertexSet(mesh.positions)).toEqual(vertexSet(peer.verts));
    expect(Math.abs(meshStats(mesh).signedVolume / peer.volume - 1)).toBeLessThan(0.01);
  });
});
