import type { Vec3 } from '../volume/types';
import type { LabelVolume } from './rays';

/**
 * How much darker (0..1) the EM image is on the contact between segments a and b than inside
 * them, within `radius` nm of `centre`. Membranes are dark: two cells that touch show one along
 * their contact, while a neurite cut in two by the segmentation shows none. Returns undefined
 * when the two do not touch there.
 */
export function contactContrast(
  vol: LabelVolume,
  image: Uint8Array,
  a: number,
  b: number,
  centre: Vec3,
  radius: number,
): number | undefined {
  const { labels, shape, resolution } = vol;
  const [nz, ny, nx] = shape;
  const lo = [0, 1, 2].map((k) => Math.max(1, Math.floor((centre[k]! - radius) / resolution[k]!)));
  const hi = [0, 1, 2].map((k) =>
    Math.min(shape[k]! - 2, Math.floor((centre[k]! + radius) / resolution[k]!)),
  );
  const steps = [ny * nx, nx, 1];
  let contact = 0;
  let contactSum = 0;
  let inside = 0;
  let insideSum = 0;
  for (let z = lo[0]!; z <= hi[0]!; z++) {
    for (let y = lo[1]!; y <= hi[1]!; y++) {
      for (let x = lo[2]!; x <= hi[2]!; x++) {
        const i = (z * ny + y) * nx + x;
        const label = labels[i]!;
        if (label !== a && label !== b) continue;
        const other = label === a ? b : a;
        let touches = false;
        let boundary = false;
        for (const s of steps) {
          for (const j of [i - s, i + s]) {
            if (labels[j] === other) touches = true;
            else if (labels[j] !== label) boundary = true;
          }
        }
        // Rims of the contact also border third cells, whose membranes would darken them.
        if (touches && !boundary) {
          contact++;
          contactSum += image[i]!;
        } else if (!boundary) {
          inside++;
          insideSum += image[i]!;
        }
      }
    }
  }
  if (contact === 0 || inside === 0 || nz === 0) return undefined;
  const base = insideSum / inside;
  return base > 0 ? Math.max(0, Math.min(1, 1 - contactSum / contact / base)) : undefined;
}
