/**
 * Stable pseudo-random colour per segment id, from the id's two 32-bit words so that uint64 ids
 * need no bigint arithmetic per voxel. Bright, saturated colours read well over EM greyscale.
 */
export function segmentColorWords(lo: number, hi: number): number {
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(hi ^ 0xc2b2ae35, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  const hue = (h >>> 0) / 4294967296;
  const sat = 0.65 + (((h >>> 8) & 0xff) / 255) * 0.35;
  const val = 0.8 + (((h >>> 16) & 0xff) / 255) * 0.2;
  return hsvToRgb(hue, sat, val);
}

export function segmentColor(id: bigint): number {
  return segmentColorWords(Number(id & 0xffffffffn), Number((id >> 32n) & 0xffffffffn));
}

/** Packed 0xRRGGBB. */
export function hsvToRgb(h: number, s: number, v: number): number {
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  const [r, g, b] = [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ][i % 6]!;
  return (Math.round(r! * 255) << 16) | (Math.round(g! * 255) << 8) | Math.round(b! * 255);
}

export function colorToHex(rgb: number): string {
  return '#' + rgb.toString(16).padStart(6, '0');
}

export function hexToColor(hex: string): number {
  return parseInt(hex.slice(1), 16);
}
