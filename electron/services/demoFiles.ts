import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, type DemoVolume } from '../../shared/demo/generateDemo';
import { writeSwc } from '../../shared/formats/swc';
import { writeHdf5Volume } from '../io/hdf5Writer';

export interface DemoFiles {
  readonly image: string;
  readonly segmentation: string;
  readonly groundTruth: string;
  readonly skeletons: string;
  readonly errors: string;
  /** Every file written, relative to the folder. */
  readonly list: readonly string[];
}

/** Bump when the generator's output changes, so cached demo files are rewritten. */
const DEMO_VERSION = 2;

function paths(dir: string): Omit<DemoFiles, 'list'> {
  return {
    image: join(dir, 'image.h5'),
    segmentation: join(dir, 'segmentation.h5'),
    groundTruth: join(dir, 'groundtruth.h5'),
    skeletons: join(dir, 'skeletons'),
    errors: join(dir, 'errors.json'),
  };
}

/** Write the demo volume as files: what `demo --out DIR` does and what the app opens by default. */
export async function writeDemoFiles(dir: string, seed?: number): Promise<DemoFiles> {
  const demo = generateDemo(seed === undefined ? {} : { seed });
  mkdirSync(join(dir, 'skeletons'), { recursive: true });
  const p = paths(dir);
  const options = { resolution: demo.resolution, chunks: chunkShape(demo), compression: true };
  await writeHdf5Volume(p.image, 'raw', { shape: demo.shape, data: demo.image }, options);
  await writeHdf5Volume(p.segmentation, 'stack', { shape: demo.shape, data: demo.segmentation }, options);
  await writeHdf5Volume(p.groundTruth, 'stack', { shape: demo.shape, data: demo.groundTruth }, options);
  const list = ['image.h5', 'segmentation.h5', 'groundtruth.h5'];
  for (const skeleton of demo.skeletons) {
    const name = `skeletons/axon-${skeleton.id}.swc`;
    writeFileSync(join(dir, name), writeSwc(skeleton));
    list.push(name);
  }
  const manifest = {
    shape: demo.shape,
    resolution: demo.resolution,
    axonIds: demo.axonIds.map(String),
    errors: demo.errors,
  };
  writeFileSync(p.errors, JSON.stringify(manifest, null, 2) + '\n');
  list.push('errors.json');
  return { ...p, list };
}

/** The cached demo files in `dir`, written on first use (atomically: a half-written set never counts). */
export async function ensureDemoFiles(dir: string): Promise<DemoFiles> {
  const stamp = join(dir, 'demo-version.json');
  const current =
    existsSync(stamp) && (JSON.parse(readFileSync(stamp, 'utf8')) as { version?: number }).version;
  if (current === DEMO_VERSION) return { ...paths(dir), list: [] };
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const files = await writeDemoFiles(staging);
  writeFileSync(join(staging, 'demo-version.json'), JSON.stringify({ version: DEMO_VERSION }));
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return { ...paths(dir), list: files.list };
}

function chunkShape(demo: DemoVolume): [number, number, number] {
  // Shallow chunks: a slice in any orientation decompresses little (8x64x64 gzip: ~17 ms a z slice).
  return [Math.min(8, demo.shape[0]), Math.min(64, demo.shape[1]), Math.min(64, demo.shape[2])];
}
