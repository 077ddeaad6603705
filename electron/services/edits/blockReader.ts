import type { LabelReader } from '../../../shared/edit/types';
import { copyBox } from '../../../shared/volume/box';
import { type Box3, type Vec3, boxVoxels, formatVec } from '../../../shared/volume/types';

/** Base labels (uint64) and optionally the display image of one box, read ahead of an edit. */
export interface Block {
  readonly box: Box3;
  readonly labels: BigUint64Array;
  readonly image?: Uint8Array;
}

export interface BaseVolume {
  readonly shape: Vec3;
  readonly resolution: Vec3;
  readonly maxId: bigint;
  hasId(id: bigint): boolean;
}

const contains = (outer: Box3, inner: Box3): boolean =>
  [0, 1, 2].every(
    (d) =>
      inner.start[d]! >= outer.start[d]! &&
      inner.start[d]! + inner.size[d]! <= outer.start[d]! + outer.size[d]!,
  );

/**
 * The edit model reads synchronously; the backend reads through its async chunk cache. So an edit
 * first reads the boxes it will need (`Block`s), then runs on this reader over them. Asking for a
 * box outside them is a bug in working out what to read, and says so.
 */
export function blockReader(base: BaseVolume, blocks: readonly Block[]): LabelReader {
  const find = (box: Box3, what: string): Block => {
    const block = blocks.find((b) => contains(b.box, box));
    if (!block) {
      throw new Error(`${what} of box ${formatVec(box.start)}+${formatVec(box.size)} was not read ahead`);
    }
    return block;
  };
  return {
    shape: base.shape,
    resolution: base.resolution,
    maxId: base.maxId,
    hasId: (id) => base.hasId(id),
    readLabels(box) {
      const block = find(box, 'labels');
      const out = new BigUint64Array(boxVoxels(box));
      copyBox(block.labels, block.box, out, box);
      return out;
    },
    readImage(box) {
      const block = find(box, 'image');
      if (!block.image) throw new Error('image was not read ahead');
      const out = new Uint8Array(boxVoxels(box));
      copyBox(block.image, block.box, out, box);
      return out;
    },
  };
}
