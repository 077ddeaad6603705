import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../shared/edit/commands';
import { memoryReader } from '../../../shared/edit/memoryReader';
import {
  applyToBlock,
  createEditState,
  deltaBox,
  findSegmentBox,
  labelAt,
  readCorrected,
  resolve,
} from '../../../shared/edit/state';
import type { EditCommand, EditState } from '../../../shared/edit/types';
import type { Box3, Vec3 } from '../../../shared/volume/types';
import { differences, sameBytes } from './editTestUtils';
import { blobVolume, rng } from './syntheticVolumes';

const big = 2n ** 60n + 11n;
const vol = blobVolume([21, 26, 37], 11);
const reader = memoryReader({ ...vol, resolution: [8, 8, 8] });
const whole: Box3 = { start: [0, 0, 0], size: vol.shape };

const edits: EditCommand[] = [
  {
    kind: 'paint',
    id: 'new',
    region: {
      brush: {
        centers: [
          [3, 4, 5],
          [15, 20, 30],
        ],
        radius: 3,
        plane: 'ball',
      },
    },
  },
  { kind: 'merge', target: big, source: 3n },
  { kind: 'erase', region: { brush: { centers: [[10, 13, 18]], radius: 6, plane: 'xy' } } },
  {
    kind: 'paint',
    id: 9n,
    region: {
      voxels: [
        [0, 0, 0],
        [20, 25, 36],
        [7, 0, 36],
      ],
    },
  },
  { kind: 'merge', target: 40n, source: big + 1n },
];

function edited(chunkShape: Vec3): EditState {
  return edits.reduce((s, c) => applyCommand(s, reader, c).state, createEditState(reader, chunkShape));
}

/** The crop of a full volume to `box`. */
function crop(full: BigUint64Array, box: Box3): BigUint64Array {
  const [, sy, sx] = vol.shape;
  const out = new BigUint64Array(box.size[0] * box.size[1] * box.size[2]);
  let o = 0;
  for (let z = 0; z < box.size[0]; z++)
    for (let y = 0; y < box.size[1]; y++)
      for (let x = 0; x < box.size[2]; x++)
        out[o++] = full[((box.start[0] + z) * sy + box.start[1] + y) * sx + box.start[2] + x]!;
  return out;
}

describe('reading corrected labels', () => {
  it('is the same whatever the override chunk shape', () => {
    const reference = readCorrected(edited([64, 64, 64]), reader, whole);
    expect(differences(reference, vol.labels).length).toBeGreaterThan(100);
    for (const chunkShape of [
      [8, 8, 8],
      [3, 5, 7],
      [1, 26, 1],
    ] as Vec3[]) {
      expect(sameBytes(readCorrected(edited(chunkShape), reader, whole), reference)).toBe(true);
    }
  });

  it('reads any sub-block, slices included, as the crop of the whole volume', () => {
    const state = edited([8, 8, 8]);
    const full = readCorrected(state, reader, whole);
    const random = rng(2);
    const boxes: Box3[] = [
      { start: [10, 0, 0], size: [1, 26, 37] },
      { start: [0, 13, 0], size: [21, 1, 37] },
      { start: [0, 0, 18], size: [21, 26, 1] },
    ];
    for (let k = 0; k < 20; k++) {
      const start = vol.shape.map((n) => Math.floor(random() * n)) as unknown as Vec3;
      const size = start.map((s, d) => 1 + Math.floor(random() * (vol.shape[d]! - s))) as unknown as Vec3;
      boxes.push({ start, size });
    }
    for (const box of boxes) expect(sameBytes(readCorrected(state, reader, box), crop(full, box))).toBe(true);
  });

  it('labelAt and resolve agree with the block reads', () => {
    const state = edited([8, 8, 8]);
    const full = readCorrected(state, reader, whole);
    const [, sy, sx] = vol.shape;
    for (let i = 0; i < full.length; i += 7) {
      const x = i % sx;
      const y = Math.floor(i / sx) % sy;
      const z = Math.floor(i / (sx * sy));
      expect(labelAt(state, z, y, x, vol.labels[i]!)).toBe(full[i]);
    }
    expect(resolve(state, 3n)).toBe(big);
    expect(resolve(state, big + 1n)).toBe(40n);
    expect(resolve(state, 5n)).toBe(5n);
  });

  it('accepts base blocks of narrower or signed dtypes', () => {
    const state = edited([8, 8, 8]);
    const box: Box3 = { start: [2, 3, 4], size: [5, 6, 7] };
    const raw = reader.readLabels(box).map((v) => (v === big ? 8n : v));
    const viaU32 = applyToBlock(
      state,
      box,
      Uint32Array.from(raw, (v) => Number(v)),
    );
    const viaI64 = applyToBlock(state, box, new BigInt64Array(raw.buffer.slice(0)));
    expect(sameBytes(viaU32, applyToBlock(state, box, raw))).toBe(true);
    expect(sameBytes(viaI64, applyToBlock(state, box, raw))).toBe(true);
    expect(() => applyToBlock(state, box, new Uint8Array(3))).toThrow(RangeError);
  });

  it('finds a segment bounding box and the box an edit touched', () => {
    const state = createEditState(reader, [8, 8, 8]);
    const r = applyCommand(state, reader, {
      kind: 'paint',
      id: 'new',
      region: {
        brush: {
          centers: [
            [4, 5, 6],
            [9, 7, 6],
          ],
          radius: 2,
          plane: 'xy',
        },
      },
    });
    const expected: Box3 = { start: [4, 3, 4], size: [6, 7, 5] };
    expect(findSegmentBox(r.state, reader, r.summary.newIds[0]!)).toEqual(expected);
    expect(deltaBox(r.delta, state.chunkShape)).toEqual(expected);
    expect(findSegmentBox(r.state, reader, 123n)).toBeNull();
  });
});
