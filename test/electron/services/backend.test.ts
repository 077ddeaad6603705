import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/services/backend';
import { writeDemoFiles, type DemoFiles } from '../../../electron/services/demoFiles';
import { writeHdf5Volume } from '../../../electron/io/hdf5Writer';
import { dispatch } from '../../../electron/services/dispatch';
import { generateDemo, type DemoVolume } from '../../../shared/demo/generateDemo';
import { meshStats } from '../../../shared/mesh/meshStats';
import { runPython } from '../../helpers/python';

let dir: string;
let files: DemoFiles;
let demo: DemoVolume;
let backend: Backend;
let project: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'axon-backend-'));
  files = await writeDemoFiles(join(dir, 'demo'));
  demo = generateDemo();
  project = join(dir, 'session.axonproj');
  backend = new Backend();
  await backend.open({ image: `${files.image}:raw`, segmentation: `${files.segmentation}:stack`, project });
}, 120_000);

afterAll(async () => {
  await backend.close();
});

const distinctIds = (labels: BigUint64Array): Map<bigint, number> => {
  const counts = new Map<bigint, number>();
  for (const id of labels) if (id !== 0n) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
};

describe('backend on the demo volume', () => {
  it('describes the open volumes', async () => {
    const info = await dispatch(backend, 'getSession', {});
    expect(info).toMatchObject({
      image: { shape: [64, 256, 256], dtype: 'uint8', resolution: [30, 8, 8] },
      segmentation: { shape: [64, 256, 256], dtype: 'uint64' },
      projectPath: project,
    });
  });

  it('serves slices in all three orientations equal to the generated volume', async () => {
    const [nz, ny, nx] = demo.shape;
    const xy = await backend.handlers.getSlice({ axis: 'xy', index: 17 });
    expect([xy.width, xy.height]).toEqual([nx, ny]);
    expect(Array.from(xy.labels)).toEqual(Array.from(demo.segmentation.subarray(17 * ny * nx, 18 * ny * nx)));
    expect(Array.from(xy.image)).toEqual(Array.from(demo.image.subarray(17 * ny * nx, 18 * ny * nx)));
    const xz = await backend.handlers.getSlice({ axis: 'xz', index: 100 });
    expect([xz.width, xz.height]).toEqual([nx, nz]);
    for (const [z, x] of [
      [0, 0],
      [40, 77],
      [63, 255],
    ] as const) {
      expect(xz.labels[z * nx + x]).toBe(demo.segmentation[(z * ny + 100) * nx + x]);
    }
    const yz = await backend.handlers.getSlice({ axis: 'yz', index: 5 });
    expect([yz.width, yz.height]).toEqual([ny, nz]);
    expect(yz.labels[30 * ny + 200]).toBe(demo.segmentation[(30 * ny + 200) * nx + 5]);
    await expect(backend.handlers.getSlice({ axis: 'xy', index: 64 })).rejects.toThrow(/outside the volume/);
  });

  it('lists every segment with its voxel count, largest first, ids above 2^53 intact', async () => {
    const counts = distinctIds(demo.segmentation);
    const page = await backend.handlers.listSegments({ limit: 1000 });
    expect(page.total).toBe(counts.size);
    for (const s of page.segments) expect(s.voxels).toBe(counts.get(s.id));
    const sizes = page.segments.map((s) => s.voxels);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(page.segments.some((s) => s.id > 2n ** 53n)).toBe(true);
    const big = page.segments.find((s) => s.id > 2n ** 53n)!;
    const found = await backend.handlers.listSegments({ query: big.id.toString() });
    expect(found.segments.map((s) => s.id)).toEqual([big.id]);
  });

  it('finds the segment under a voxel', async () => {
    const [, ny, nx] = demo.shape;
    const id = demo.segmentation[(20 * ny + 60) * nx + 70]!;
    const hit = await backend.handlers.segmentAt({ voxel: [20, 60, 70] });
    expect(id === 0n ? hit : hit?.id).toBe(id === 0n ? null : id);
  });

  it('meshes a segment into a closed surface inside its bounding box', async () => {
    const page = await backend.handlers.listSegments({ limit: 3 });
    const segment = page.segments[2]!;
    const mesh = await dispatch(backend, 'getMesh', { id: segment.id.toString() });
    const stats = meshStats(mesh as { positions: Float32Array; indices: Uint32Array });
    expect(stats.triangles).toBeGreaterThan(100);
    expect(stats.boundaryEdges).toBe(0);
    const res = [30, 8, 8];
    const positions = (mesh as { positions: Float32Array }).positions;
    for (let i = 0; i < positions.length; i += 3) {
      // positions are x, y, z in nm; the bbox is z, y, x in voxels
      for (const [axis, p] of [
        [2, positions[i]!],
        [1, positions[i + 1]!],
        [0, positions[i + 2]!],
      ] as const) {
        expect(p).toBeGreaterThanOrEqual((segment.bboxStart[axis] - 1) * res[axis]!);
        expect(p).toBeLessThanOrEqual((segment.bboxStart[axis] + segment.bboxSize[axis]) * res[axis]!);
      }
    }
    // Unit normals come with the mesh (the renderer uploads them as they are), pointing outwards.
    const normals = (mesh as { normals: Float32Array }).normals;
    expect(normals.length).toBe(positions.length);
    const centre = [0, 1, 2].map((c) => {
      let sum = 0;
      for (let i = c; i < positions.length; i += 3) sum += positions[i]!;
      return sum / (positions.length / 3);
    });
    let outward = 0;
    for (let i = 0; i < normals.length; i += 3) {
      const n = [normals[i]!, normals[i + 1]!, normals[i + 2]!];
      expect(Math.hypot(...n)).toBeCloseTo(1, 4);
      if (n.reduce((dot, v, c) => dot + v * (positions[i + c]! - centre[c]!), 0) > 0) outward++;
    }
    expect(outward / (normals.length / 3)).toBeGreaterThan(0.8);
    await expect(dispatch(backend, 'getMesh', { id: '12345' })).rejects.toThrow(
      /segment 12345 does not exist/,
    );
  });

  it('rejects malformed calls before any handler runs', async () => {
    await expect(dispatch(backend, 'getSlice', { axis: 'xy', index: -3 })).rejects.toThrow(
      /invalid request to getSlice/,
    );
    await expect(dispatch(backend, 'deleteEverything', {})).rejects.toThrow(/unknown API method/);
  });

  it('restores view state and selection when the project is reopened', async () => {
    const view = {
      position: [3, 4, 5] as [number, number, number],
      zoom: 0.5,
      opacity: 0.7,
      outlineOnly: true,
      hidden: ['1'],
      colors: { '2': '#00ff00' },
    };
    await dispatch(backend, 'setViewState', view);
    const selected = (await backend.handlers.listSegments({ limit: 2 })).segments.map((s) => s.id.toString());
    await dispatch(backend, 'setSelection', { ids: selected });
    const again = new Backend();
    try {
      const info = await again.open({ project });
      expect(info.viewState).toEqual(view);
      expect(info.selection.map(String)).toEqual(selected);
    } finally {
      await again.close();
    }
  });
});

describe('files opened without a project', () => {
  it('get a project of their own in a fresh home, and the same one again on reopen', async () => {
    const home = mkdtempSync(join(tmpdir(), 'axon-fresh-home-'));
    const saved = process.env.AXON_PROOFREADER_HOME;
    process.env.AXON_PROOFREADER_HOME = home;
    const request = { image: `${files.image}:raw`, segmentation: `${files.segmentation}:stack` };
    try {
      const first = new Backend();
      const info = await first.open(request);
      expect(info.projectPath.startsWith(join(home, 'projects'))).toBe(true);
      await first.close();
      const second = new Backend();
      expect((await second.open(request)).projectPath).toBe(info.projectPath);
      await second.close();
    } finally {
      if (saved === undefined) delete process.env.AXON_PROOFREADER_HOME;
      else process.env.AXON_PROOFREADER_HOME = saved;
    }
  });
});

describe('bad input gets a clear error naming the file, and the open session survives', () => {
  const open = (image: string, segmentation: string) =>
    new Backend().open({ image, segmentation, project: join(dir, `bad-${Math.random()}.axonproj`) });

  it('a missing file', async () => {
    await expect(open(join(dir, 'nope.h5:raw'), `${files.segmentation}:stack`)).rejects.toThrow(
      /nope\.h5.*(not found|does not exist|no such)/i,
    );
  });

  it('a truncated HDF5 file', async () => {
    const cut = join(dir, 'truncated.h5');
    const bytes = readFileSync(files.segmentation);
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    await expect(open(`${files.image}:raw`, `${cut}:stack`)).rejects.toThrow(/truncated\.h5/);
  });

  it('a dataset that does not exist', async () => {
    await expect(open(`${files.image}:rawx`, `${files.segmentation}:stack`)).rejects.toThrow(
      /image\.h5.*rawx/,
    );
  });

  it('image and segmentation of different shapes', async () => {
    const small = join(dir, 'small.h5');
    await writeHdf5Volume(
      small,
      'stack',
      { shape: [4, 5, 6], data: new BigUint64Array(120) },
      { resolution: [30, 8, 8] },
    );
    await expect(open(`${files.image}:raw`, `${small}:stack`)).rejects.toThrow(
      /small\.h5.*4x5x6.*differs.*64x256x256/,
    );
  });

  it('a 1-D dataset', async () => {
    const flat = join(dir, 'flat.h5');
    runPython(
      `import h5py, numpy as np, sys\nh5py.File(sys.argv[1], 'w').create_dataset('stack', data=np.arange(10, dtype=np.uint64))`,
      [flat],
    );
    await expect(open(`${files.image}:raw`, `${flat}:stack`)).rejects.toThrow(/flat\.h5.*1-D/);
  });

  it('an absurd shape', async () => {
    const huge = join(dir, 'huge.h5');
    runPython(
      `import h5py, numpy as np, sys\nf = h5py.File(sys.argv[1], 'w')\nf.create_dataset('raw', shape=(100000, 100000, 100000), dtype=np.uint8, chunks=(1, 64, 64))\nf.create_dataset('stack', shape=(100000, 100000, 100000), dtype=np.uint64, chunks=(1, 64, 64))`,
      [huge],
    );
    await expect(open(`${huge}:raw`, `${huge}:stack`)).rejects.toThrow(/huge\.h5.*absurd/);
  });

  it('leaves the open session working', async () => {
    const slice = await backend.handlers.getSlice({ axis: 'xy', index: 0 });
    expect(slice.labels.length).toBe(256 * 256);
  });
});
