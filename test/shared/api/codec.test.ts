import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from '../../../shared/api/codec';

describe('binary envelope', () => {
  it('carries typed arrays and uint64 ids above 2^53 unchanged', () => {
    const labels = new BigUint64Array([0n, 2n ** 53n + 1n, 2n ** 64n - 1n]);
    const value = {
      id: 2n ** 60n + 12345n,
      image: new Uint8Array([1, 2, 3]),
      labels,
      positions: new Float32Array([0.5, -1.25]),
      nested: [{ indices: new Uint32Array([7, 8, 9, 10]) }],
      name: 'slice',
    };
    const decoded = decodeEnvelope(encodeEnvelope(value)) as typeof value;
    expect(decoded.id).toBe(2n ** 60n + 12345n);
    expect(decoded.image).toEqual(new Uint8Array([1, 2, 3]));
    expect(Array.from(decoded.labels)).toEqual(Array.from(labels));
    expect(decoded.positions).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded.positions)).toEqual([0.5, -1.25]);
    expect(Array.from(decoded.nested[0]!.indices)).toEqual([7, 8, 9, 10]);
    expect(decoded.name).toBe('slice');
  });

  it('keeps subarray views to their own bytes', () => {
    const whole = new Uint16Array([1, 2, 3, 4, 5]);
    const decoded = decodeEnvelope(encodeEnvelope({ part: whole.subarray(1, 3) })) as { part: Uint16Array };
    expect(Array.from(decoded.part)).toEqual([2, 3]);
  });

  it('rejects a truncated envelope', () => {
    const bytes = encodeEnvelope({ a: new Uint8Array(100) });
    expect(() => decodeEnvelope(bytes.subarray(0, bytes.length - 50))).toThrow(/truncated/);
    expect(() => decodeEnvelope(new Uint8Array(2))).toThrow(/truncated/);
  });

  it('encodes null', () => {
    expect(decodeEnvelope(encodeEnvelope(null))).toBeNull();
  });
});
