import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodeNpy,
  encodeNpy,
  NpyFormatError,
  parseNpyHeader,
  type NpyArray,
} from '../../../shared/formats/npy';
import { encodeNpz, listNpz, NpzFormatError, readNpzArray } from '../../../shared/formats/npz';
import { allocate, type Dtype } from '../../../shared/volume/types';

const DTYPES: Dtype[] = ['uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64', 'float32'];

/** An .npy file built by hand the way numpy lays it out, so the parser is not only checked against our encoder. */
function handMade(
  descr: string,
  shape: string,
  values: Uint8Array,
  version = 1,
  fortran = 'False',
): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  let dict = `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;
  dict += ' '.repeat((64 - ((8 + lenBytes + dict.length + 1) % 64)) % 64) + '\n';
  const header = new TextEncoder().encode(dict);
  const out = new Uint8Array(8 + lenBytes + header.length + values.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(header, 8 + lenBytes);
  out.set(values, 8 + lenBytes + header.length);
  return out;
}

describe('npy', () => {
  it('round-trips every dtype and shape (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DTYPES),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }),
        fc.integer(),
        (dtype, shape, seed) => {
          const count = shape.reduce((a, b) => a * b, 1);
          const data = allocate(dtype, count);
          const bytes = new Uint8Array(data.buffer);
          for (let i = 0; i < bytes.length; i++) bytes[i] = (seed * 31 + i * 17) & 255;
          if (dtype === 'float32') (data as Float32Array).forEach((_, i, a) => (a[i] = i / 3));
          const decoded = decodeNpy(encodeNpy({ dtype, shape, data }));
          expect(decoded.dtype).toBe(dtype);
          expect(decoded.shape).toEqual(shape);
          expect(Array.from(decoded.data as ArrayLike<number | bigint>)).toEqual(
            Array.from(data as ArrayLike<number | bigint>),
          );
        },
      ),
    );
  });

  it('pads headers to 64 bytes like numpy, so data is aligned', () => {
    const npy = encodeNpy({ dtype: 'uint64', shape: [3, 4, 5], data: new BigUint64Array(60) });
    const header = parseNpyHeader(npy);
    expect(header.dataOffset % 64).toBe(0);
    expect(header).toMatchObject({ descr: '<u8', fortranOrder: false, shape: [3, 4, 5] });
  });

  it('reads version 2 headers, 1-D shapes, big-endian and unaligned data', () => {
    const values = new Uint8Array([0, 1, 0, 2, 1, 0]); // big-endian uint16: 1, 2, 256
    const be = decodeNpy(handMade('>u2', '(3,)', values, 2));
    expect(be.shape).toEqual([3]);
    expect(Array.from(be.data as Uint16Array)).toEqual([1, 2, 256]);
    const shifted = new Uint8Array(
      handMade(
        '<u8',
        '(1, 1, 2)',
        new Uint8Array(new BigUint64Array([2n ** 64n - 1n, 2n ** 60n + 5n]).buffer),
      ).length + 1,
    );
    shifted.set(
      handMade(
        '<u8',
        '(1, 1, 2)',
        new Uint8Array(new BigUint64Array([2n ** 64n - 1n, 2n ** 60n + 5n]).buffer),
      ),
      1,
    );
    expect(Array.from(decodeNpy(shifted.subarray(1)).data as BigUint64Array)).toEqual([
      2n ** 64n - 1n,
      2n ** 60n + 5n,
    ]);
  });

  it('says what is wrong with bad arrays', () => {
    expect(() => decodeNpy(new TextEncoder().encode('hello world, no numpy'))).toThrow(/bad magic/);
    expect(() => decodeNpy(handMade('<f8', '(2,)', new Uint8Array(16)))).toThrow(/unsupported dtype '<f8'/);
    expect(() => decodeNpy(handMade('|u1', '(2, 2)', new Uint8Array(4), 1, 'True'))).toThrow(/fortran_order/);
    expect(() => decodeNpy(handMade('<u4', '(10000, 10000, 10000)', new Uint8Array(8)))).toThrow(
      /needs 4000000000000 bytes of <u4 but the array holds 8/,
    );
    expect(() => decodeNpy(handMade('<u4', '(2, -1)', new Uint8Array(8)))).toThrow(NpyFormatError);
    expect(() => decodeNpy(handMade('<u4', '(2,)', new Uint8Array(8)).subarray(0, 20))).toThrow(/truncated/);
  });
});

describe('npz', () => {
  const segmentation: NpyArray = {
    dtype: 'uint64',
    shape: [2, 2, 2],
    data: BigUint64Array.from([0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 4n, 5n, 6n, 7n]),
  };
  const origins: NpyArray = { dtype: 'int64', shape: [1, 3], data: BigInt64Array.from([-1n, 2n, 3n]) };

  it.each([true, false])('lists and reads arrays (compressed: %s)', (compress) => {
    const zip = encodeNpz({ segmentation, origins }, compress);
    expect(listNpz(zip).map((m) => m.name)).toEqual(['segmentation', 'origins']);
    const back = readNpzArray(zip, 'segmentation');
    expect(back.shape).toEqual([2, 2, 2]);
    expect(Array.from(back.data as BigUint64Array)).toEqual(Array.from(segmentation.data as BigUint64Array));
    expect(Array.from(readNpzArray(zip, 'origins').data as BigInt64Array)).toEqual([-1n, 2n, 3n]);
  });

  it('refuses missing arrays, oversized members and non-zip data before inflating', () => {
    const zip = encodeNpz({ segmentation, origins });
    expect(() => readNpzArray(zip, 'stack')).toThrow(
      /no array 'stack'; arrays in the archive: segmentation, origins/,
    );
    expect(() => readNpzArray(zip, 'segmentation', 16)).toThrow(/over the 16-byte limit/);
    expect(() => readNpzArray(new TextEncoder().encode('PK not a zip'), 'segmentation')).toThrow(
      NpzFormatError,
    );
    const junk = zipSync({ 'segmentation.npy': new Uint8Array([1, 2, 3]) });
    expect(() => readNpzArray(junk, 'segmentation')).toThrow(/segmentation\.npy: not a \.npy array/);
  });
});
