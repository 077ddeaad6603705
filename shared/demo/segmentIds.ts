import type { Random } from './random';

/**
 * Random, unique, non-zero uint64 segment ids as FFN writes them: about half below 2^53 (but
 * above 2^42, so still large) and half above, so id handling is exercised on both sides.
 */
export class IdPool {
  private readonly used = new Set<bigint>();

  constructor(private readonly rng: Random) {}

  next(): bigint {
    for (;;) {
      const high = this.rng.chance(0.5)
        ? (this.rng.uint32() | 0x00200000) >>> 0
        : 0x400 + (this.rng.uint32() % (0x00200000 - 0x400));
      const id = (BigInt(high) << 32n) | BigInt(this.rng.uint32());
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * uint64 values held as (low, high) uint32 word pairs, the way a BigUint64Array lays them out
 * on little-endian machines: filling words is far faster than writing bigints one by one.
 */
export function wordsToBigUint64(words: Uint32Array): BigUint64Array {
  if (LITTLE_ENDIAN) return new BigUint64Array(words.buffer, words.byteOffset, words.length / 2);
  const out = new BigUint64Array(words.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (BigInt(words[2 * i + 1]!) << 32n) | BigInt(words[2 * i]!);
  return out;
}

export function lowWord(id: bigint): number {
  return Number(id & 0xffffffffn);
}

export function highWord(id: bigint): number {
  return Number(id >> 32n);
}

export function wordsAt(words: Uint32Array, voxel: number): bigint {
  return (BigInt(words[2 * voxel + 1]!) << 32n) | BigInt(words[2 * voxel]!);
}
