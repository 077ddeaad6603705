/** Seeded label volumes for metric tests: a ground truth and a test with splits, merges and noise. */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LabelPair {
  shape: [number, number, number];
  gt: Uint32Array;
  test: Uint32Array;
}

/**
 * Ground truth: cells of a jittered 8x8 grid in y/x, 4 deep in z; with `gtZeros`, about a tenth
 * of the voxels are background. Test: every third cell split in z, neighbouring cells merged in
 * pairs along x, and 3% of voxels replaced by one of a few labels, 0 among them.
 */
export function randomLabelPair(seed: number, shape: [number, number, number], gtZeros: boolean): LabelPair {
  const rand = mulberry32(seed);
  const [d, h, w] = shape;
  const gt = new Uint32Array(d * h * w);
  const test = new Uint32Array(d * h * w);
  const jitter = Array.from({ length: d * h }, () => Math.floor(rand() * 5));
  for (let z = 0; z < d; z++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (z * h + y) * w + x;
        const cx = Math.floor((x + jitter[z * h + y]!) / 8);
        const cell = 1 + Math.floor(z / 4) * 10_000 + Math.floor(y / 8) * 100 + cx;
        gt[i] = gtZeros && (cx + Math.floor(y / 8)) % 10 === 3 ? 0 : cell;
        let t = cell - (cx % 2); // merge cells 2k and 2k+1 along x
        if (cell % 3 === 0 && z % 4 >= 2) t += 5_000_000; // split every third cell in z
        if (rand() < 0.03) t = [0, 7, 123_456][Math.floor(rand() * 3)]!;
        test[i] = t;
      }
    }
  }
  return { shape, gt, test };
}

/**
 * The same labelling under new ids: a random permutation of the distinct ids, moved above 2^53
 * so that they only survive as bigint. `keepZero` keeps 0 as 0 (ground-truth background).
 */
export function relabel(labels: Uint32Array, seed: number, keepZero: boolean): BigUint64Array {
  const rand = mulberry32(seed);
  const ids = [...new Set(labels)];
  const order = ids.map((_, k) => k);
  for (let k = order.length - 1; k > 0; k--) {
    const r = Math.floor(rand() * (k + 1));
    [order[k], order[r]] = [order[r]!, order[k]!];
  }
  const newId = new Map<number, bigint>();
  ids.forEach((id, k) =>
    newId.set(id, keepZero && id === 0 ? 0n : 2n ** 60n + BigInt(order[k]!) * 7919n + 1n),
  );
  return BigUint64Array.from(labels, (v) => newId.get(v)!);
}
