import { describe, expect, it } from 'vitest';
import {
  DEMO_RESOLUTION,
  DEMO_SHAPE,
  generateDemo,
  type DemoVolume,
} from '../../../shared/demo/generateDemo';
import { voxelCount } from '../../../shared/volume/types';
import { SMALL, demo, fnv1a } from './helpers';

function fingerprint(volume: DemoVolume): string {
  const json = new TextEncoder().encode(
    JSON.stringify({ errors: volume.errors, skeletons: volume.skeletons, axons: volume.axonIds.map(String) }),
  );
  return [fnv1a(volume.image), fnv1a(volume.groundTruth), fnv1a(volume.segmentation), fnv1a(json)].join(':');
}

describe('generateDemo', () => {
  it('gives identical bytes on every run with the same seed, and different ones for another seed', () => {
    const first = fingerprint(demo(1));
    expect(fingerprint(generateDemo({ seed: 1, shape: SMALL }))).toBe(first);
    const other = fingerprint(demo(2)).split(':');
    first.split(':').forEach((part, i) => expect(other[i]).not.toBe(part));
  });

  it('generates the full 64 x 256 x 256 demo at 30 x 8 x 8 nm', () => {
    const volume = generateDemo();
    expect(volume.shape).toEqual(DEMO_SHAPE);
    expect(volume.resolution).toEqual(DEMO_RESOLUTION);
    const n = voxelCount(DEMO_SHAPE);
    expect([volume.image.length, volume.groundTruth.length, volume.segmentation.length]).toEqual([n, n, n]);
    expect(volume.axonIds.length).toBeGreaterThanOrEqual(16);
    const count = (kind: string): number => volume.errors.filter((e) => e.kind === kind).length;
    expect(count('merge')).toBeGreaterThanOrEqual(3);
    expect(count('split')).toBeGreaterThanOrEqual(4);
    expect(count('fragment')).toBeGreaterThanOrEqual(2);
    expect(volume.errors.some((e) => e.cut?.axis === 'z')).toBe(true);
    expect(volume.errors.some((e) => e.segmentIds.some((id) => BigInt(id) > 2n ** 53n))).toBe(true);
  });

  it('rejects shapes too small for a dozen axons and non-integer seeds', () => {
    expect(() => generateDemo({ shape: [8, 64, 64] })).toThrow(/below the minimum/);
    expect(() => generateDemo({ seed: 1.5, shape: SMALL })).toThrow(/integer/);
  });
});
