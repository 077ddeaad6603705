import { describe, expect, it } from 'vitest';
import { parseSwc, skeletonLength, writeSwc } from '../../../shared/formats/swc';
import { demo, index } from './helpers';

describe('demo axon skeletons', () => {
  const volume = demo();
  const [nz, ny, nx] = volume.shape;
  const [rz, ry, rx] = volume.resolution;

  it('has one skeleton per axon, a single chain from one root', () => {
    expect(volume.skeletons.map((s) => BigInt(s.id))).toEqual(volume.axonIds);
    for (const skeleton of volume.skeletons) {
      expect(skeleton.nodes.length).toBeGreaterThan(10);
      expect(skeleton.nodes.filter((n) => n.parent === -1)).toHaveLength(1);
      skeleton.nodes.forEach((node, i) => expect(node.parent).toBe(i - 1));
    }
  });

  it('puts nearly every node (nm -> voxel by floor(nm / resolution)) inside its own axon', () => {
    for (const skeleton of volume.skeletons) {
      let inside = 0;
      for (const node of skeleton.nodes) {
        const v = [Math.floor(node.z / rz), Math.floor(node.y / ry), Math.floor(node.x / rx)] as const;
        expect(v[0] >= 0 && v[0] < nz && v[1] >= 0 && v[1] < ny && v[2] >= 0 && v[2] < nx).toBe(true);
        if (volume.groundTruth[index(volume.shape, v)] === BigInt(skeleton.id)) inside++;
      }
      expect(inside / skeleton.nodes.length, `axon ${skeleton.id}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('spaces nodes a few voxels apart, so edge lengths sum to the path length in nm', () => {
    for (const skeleton of volume.skeletons) {
      const length = skeletonLength(skeleton);
      expect(length / (skeleton.nodes.length - 1)).toBeGreaterThan(10);
      expect(length / (skeleton.nodes.length - 1)).toBeLessThan(200);
    }
  });

  it('survives an SWC round trip exactly', () => {
    for (const skeleton of volume.skeletons) {
      expect(parseSwc(writeSwc(skeleton), { id: skeleton.id })).toEqual(skeleton);
    }
  });
});
