import { hexToColor, segmentColorWords } from '../../shared/color/segmentColor';

/**
 * Segment ids arrive as uint64 label words (lo, hi). Hot loops key caches by a number when the id
 * fits 2^53 exactly and by a string otherwise, and build the decimal id string only on a miss.
 */
export type IdKey = number | string;

const TWO_32 = 4294967296;

export function idKey(lo: number, hi: number): IdKey {
  return hi < 0x200000 ? hi * TWO_32 + lo : `${hi}:${lo}`;
}

export function idString(lo: number, hi: number): string {
  return hi === 0 ? String(lo) : ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** The two 32-bit words of a decimal id. */
export function idWords(id: string): readonly [lo: number, hi: number] {
  const v = BigInt(id);
  return [Number(v & 0xffffffffn), Number((v >> 32n) & 0xffffffffn)];
}

/** Packed 0xRRGGBB of a segment: its override when set, else its stable pseudo-random colour. */
export function colorOfId(id: string, overrides: Readonly<Record<string, string>>): number {
  const hex = overrides[id];
  if (hex) return hexToColor(hex);
  const [lo, hi] = idWords(id);
  return segmentColorWords(lo, hi);
}

/** Base colours of ids seen so far (segmentColorWords is cheap, but slices repeat ids a lot). */
export class SegmentPalette {
  private readonly base = new Map<IdKey, number>();

  baseColor(lo: number, hi: number, key: IdKey = idKey(lo, hi)): number {
    let rgb = this.base.get(key);
    if (rgb === undefined) {
      rgb = segmentColorWords(lo, hi);
      // Bounded: a palette outliving many sessions must not grow without end.
      if (this.base.size > 200_000) this.base.clear();
      this.base.set(key, rgb);
    }
    return rgb;
  }
}
