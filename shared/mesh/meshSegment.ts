import type { Vec3 } from '../volume/types';
import { type CaseTable, caseTable } from './caseTable';
import { findLabelRows, type LabelRows } from './labelRows';
import { EdgeCache, MeshBuilder, VertexPlacer } from './meshBuilder';
import { emptyMesh, type Mesh, type SegmentMeshOptions } from './types';

/** SPREAD[col] moves bit j of a 4-voxel column code to bit 2j (cell corner dx = 0). */
const SPREAD = Uint8Array.from(
  { length: 16 },
  (_, c) => (c & 1) | ((c & 2) << 1) | ((c & 4) << 2) | ((c & 8) << 3),
);

/**
 * Closed, manifold surface of one label's voxels (marching cubes on the binary mask; see
 * caseTable.ts). Outside the block counts as "not the label", so the surface is closed at the
 * block border. `labels` is C-order zyx (x fastest). Work is confined to the label's bounding
 * box, and within it to the x-range the label spans in each row.
 */
export function meshSegment(labels: Uint32Array, shape: Vec3, label: number, opts: SegmentMeshOptions): Mesh {
  const rows = findLabelRows(labels, shape, label, opts.box);
  if (!rows) return emptyMesh();
  const region = paddedMask(labels, shape, label, rows);
  const offset = opts.offset ?? [0, 0, 0];
  const origin: Vec3 = [0, 1, 2].map((i) => region.start[i]! + offset[i]!) as unknown as Vec3;
  const builder = new MeshBuilder(4096);
  marchMask(region, caseTable(opts.connectivity ?? 18), builder, new VertexPlacer(origin, opts.resolution));
  return builder.finish(opts);
}

/** The label's bounding box grown by one voxel each way, as a 0/1 mask, with row x-ranges. */
interface MaskRegion {
  readonly start: Vec3;
  readonly shape: Vec3;
  readonly mask: Uint8Array;
  /** First and last x of the label per region row; first is 2^31 - 1, last -1 when absent. */
  readonly first: Int32Array;
  readonly last: Int32Array;
}

function paddedMask(labels: Uint32Array, shape: Vec3, label: number, rows: LabelRows): MaskRegion {
  const { box } = rows;
  const start: Vec3 = [box.start[0] - 1, box.start[1] - 1, box.start[2] - 1];
  const [rz, ry, rx] = [box.size[0] + 2, box.size[1] + 2, box.size[2] + 2];
  const mask = new Uint8Array(rz * ry * rx);
  const first = new Int32Array(rz * ry).fill(0x7fffffff);
  const last = new Int32Array(rz * ry).fill(-1);
  const [, ny, nx] = shape;
  for (let z = box.start[0]; z < box.start[0] + box.size[0]; z++) {
    for (let y = box.start[1]; y < box.start[1] + box.size[1]; y++) {
      const row = z * ny + y;
      const f = rows.first[row]!;
      if (f < 0) continue;
      const l = rows.last[row]!;
      const regionRow = (z - start[0]) * ry + (y - start[1]);
      first[regionRow] = f - start[2];
      last[regionRow] = l - start[2];
      const src = row * nx;
      const dst = regionRow * rx - start[2];
      for (let x = f; x <= l; x++) mask[dst + x] = labels[src + x] === label ? 1 : 0;
    }
  }
  return { start, shape: [rz, ry, rx], mask, first, last };
}

function marchMask(region: MaskRegion, table: CaseTable, builder: MeshBuilder, placer: VertexPlacer): void {
  const { mask: m, first, last } = region;
  const [rz, ry, rx] = region.shape;
  const cache = new EdgeCache(ry, rx, 1, table);
  const { ids, caseSlots } = cache;
  const { count, edges, stride } = table;
  const plane = ry * rx;
  for (let z = 0; z < rz - 1; z++) {
    cache.startSlab(z);
    for (let y = 0; y < ry - 1; y++) {
      const r = z * ry + y;
      const lo = Math.min(first[r]!, first[r + 1]!, first[r + ry]!, first[r + ry + 1]!) - 1;
      const hi = Math.max(last[r]!, last[r + 1]!, last[r + ry]!, last[r + ry + 1]!);
      if (hi < 0) continue;
      const a = r * rx;
      const b = a + rx;
      const c = a + plane;
      const d = c + rx;
      let col0 = m[a + lo]! | (m[b + lo]! << 1) | (m[c + lo]! << 2) | (m[d + lo]! << 3);
      for (let x = lo; x <= hi; x++) {
        const col1 = m[a + x + 1]! | (m[b + x + 1]! << 1) | (m[c + x + 1]! << 2) | (m[d + x + 1]! << 3);
        const cs = SPREAD[col0]! | (SPREAD[col1]! << 1);
        col0 = col1;
        if (cs === 0 || cs === 255) continue;
        const base = y * rx + x;
        const o = cs * stride;
        const end = o + 3 * count[cs]!;
        const out = builder.reserveIndices(end - o);
        let n = builder.indexCount;
        for (let t = o; t < end; t++) {
          const e = base + caseSlots[t]!;
          let v = ids[e]!;
          if (v < 0) ids[e] = v = placer.add(builder, edges[t]!, z, y, x);
          out[n++] = v;
        }
        builder.indexCount = n;
      }
    }
  }
}
