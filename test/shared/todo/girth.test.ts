import { describe, expect, it } from 'vitest';
import { sphereSpread } from '../../../shared/todo/girth';
import type { Vec3 } from '../../../shared/volume/types';
import { runPython } from '../../helpers/python';
import { drawTube, emptyBox, straight } from '../skeleton/tubes';

describe('sphereSpread', () => {
  const centre: Vec3 = [600, 400, 800];

  it('sees a round cross-section in one tube and a flat one in two tubes side by side', () => {
    const one = emptyBox([40, 100, 200]);
    drawTube(one, straight([600, 400, 0], [600, 400, 1600], 48), 1);
    const two = emptyBox([40, 100, 200]);
    drawTube(two, straight([600, 352, 0], [600, 352, 1600], 48), 1);
    drawTube(two, straight([600, 448, 0], [600, 448, 1600], 48), 1);
    const aspect = (box: typeof one): number => {
      const [, l2, l3] = sphereSpread(box, 1, centre, 150);
      return Math.sqrt(l2 / l3);
    };
    expect(aspect(one)).toBeLessThan(1.3);
    expect(aspect(two)).toBeGreaterThan(1.6);
  });

  it('returns the eigenvalues numpy finds for the covariance of the voxels in the sphere', () => {
    const box = emptyBox([40, 100, 200]);
    drawTube(box, straight([300, 100, 200], [900, 700, 1400], 60), 1);
    const got = sphereSpread(box, 1, centre, 250);
    const points: number[] = [];
    const [, ny, nx] = box.shape;
    box.labels.forEach((v, i) => {
      if (v !== 1) return;
      const p = [Math.floor(i / (ny * nx)) * 30 + 15, (Math.floor(i / nx) % ny) * 8 + 4, (i % nx) * 8 + 4];
      if (Math.hypot(p[0]! - centre[0], p[1]! - centre[1], p[2]! - centre[2]) <= 250) points.push(...p);
    });
    const out = runPython(
      [
        'import sys, numpy as np',
        'p = np.array(sys.argv[1].split(","), dtype=float).reshape(-1, 3)',
        'print(" ".join(str(v) for v in sorted(np.linalg.eigvalsh(np.cov(p.T, bias=True)))[::-1]))',
      ].join('\n'),
      [points.join(',')],
    );
    const want = out.trim().split(' ').map(Number);
    for (let k = 0; k < 3; k++) expect(got[k]).toBeCloseTo(want[k]!, 3);
  });
});
