import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionInfo, ViewState } from '../../shared/api/types';
import { parseVolumeSpec } from '../../shared/formats/volumeSpec';
import { formatVec, sameShape, type Box3, type ImageArray, type Vec3 } from '../../shared/volume/types';
import { openVolume, VolumeFileError, type VolumeSource } from '../io/openVolume';
import type { ChunkCache } from './chunkCache';
import { dataDir } from './dataDir';
import { ensureDemoFiles } from './demoFiles';
import { BookmarkStore } from './edits/bookmarkStore';
import { EditService } from './edits/editService';
import { ReviewStore } from './edits/reviewStore';
import { ProjectStore } from './projectStore';
import { SegmentIndex } from './segmentIndex';
import { sliceBox, windowFor, type IntensityWindow } from './slices';
import type { TaskContext } from './tasks';

export interface OpenRequest {
  readonly image?: string;
  readonly segmentation?: string;
  readonly project?: string;
}

/** An open image + segmentation pair with its project file, its edits and reviews. */
export class Session {
  readonly reviews: ReviewStore;
  readonly bookmarks: BookmarkStore;

  private constructor(
    readonly image: VolumeSource,
    readonly segmentation: VolumeSource,
    readonly project: ProjectStore,
    readonly index: SegmentIndex,
    readonly window: IntensityWindow,
    /** The proofreading edits on top of the segmentation (replayed from the project at open). */
    readonly edits: EditService,
  ) {
    this.reviews = new ReviewStore(project.db);
    this.bookmarks = new BookmarkStore(project.db, segmentation.info.shape);
  }

  /**
   * The corrected segmentation of `box`: base labels with every applied edit, uint64, C-order zyx.
   * Slices, meshes, metrics and export all read through this; the segmentation file never changes.
   */
  readCorrectedLabels(box: Box3): Promise<BigUint64Array> {
    return this.edits.readCorrectedLabels(box);
  }

  static async open(request: OpenRequest, cache: ChunkCache, ctx: TaskContext): Promise<Session> {
    const specs = await resolveSpecs(request);
    const image = await openVolume(specs.image, 'image');
    let segmentation: VolumeSource | undefined;
    let project: ProjectStore | undefined;
    try {
      segmentation = await openVolume(specs.segmentation, 'labels');
      checkPlausible(specs.image, image.info.shape);
      if (!sameShape(image.info.shape, segmentation.info.shape)) {
        throw new VolumeFileError(
          specs.segmentation,
          `segmentation shape ${formatVec(segmentation.info.shape)} (z,y,x) differs from image ${specs.image} shape ${formatVec(image.info.shape)}`,
        );
      }
      project = ProjectStore.open(specs.project);
      project.setSource('image', specs.image, image.info);
      project.setSource('segmentation', specs.segmentation, segmentation.info);
      const index = await cachedSegmentIndex(project, specs.segmentation, segmentation, cache, ctx);
      const middle = sliceBox('xy', Math.floor(image.info.shape[0] / 2), image.info.shape);
      const window = windowFor(image.info, (await cache.read(image, middle.box)) as ImageArray);
      const resolution = pickResolution(image, segmentation);
      const edits = await EditService.open(
        { project, segmentation, image, cache, index, resolution, window },
        ctx,
      );
      return new Session(image, segmentation, project, index, window, edits);
    } catch (error) {
      image.close();
      segmentation?.close();
      project?.close();
      throw error;
    }
  }

  /** Voxel size in nm: the image's when it records one, else the segmentation's. */
  get resolution(): Vec3 {
    return pickResolution(this.image, this.segmentation);
  }

  info(): SessionInfo {
    const resolution = this.resolution;
    return {
      image: { ...this.image.info, resolution },
      segmentation: { ...this.segmentation.info, resolution },
      projectPath: this.project.path,
      viewState: this.project.viewState() ?? defaultViewState(this.image.info.shape),
      selection: this.project.selection(),
      segmentCount: this.index.size,
    };
  }

  close(): void {
    this.edits.close();
    this.image.close();
    this.segmentation.close();
    this.project.close();
  }
}

function pickResolution(image: VolumeSource, segmentation: VolumeSource): Vec3 {
  const isDefault = (v: Vec3): boolean => v[0] === 1 && v[1] === 1 && v[2] === 1;
  return isDefault(image.info.resolution) ? segmentation.info.resolution : image.info.resolution;
}

/** Beyond this a volume is not a volume we can index or show (AxonEM's are ~1.4e10 voxels). */
const MAX_VOXELS = 2 ** 40;

function checkPlausible(file: string, shape: Vec3): void {
  const voxels = shape[0] * shape[1] * shape[2];
  if (shape.some((n) => n < 1) || voxels > MAX_VOXELS) {
    throw new VolumeFileError(
      file,
      `shape ${formatVec(shape)} (z,y,x) is absurd: ${voxels.toExponential(2)} voxels (the limit is 2^40)`,
    );
  }
}

export function defaultViewState(shape: Vec3): ViewState {
  return {
    position: [Math.floor(shape[0] / 2), Math.floor(shape[1] / 2), Math.floor(shape[2] / 2)],
    zoom: 0.25,
    opacity: 0.45,
    outlineOnly: false,
    hidden: [],
    colors: {},
  };
}

async function resolveSpecs(
  request: OpenRequest,
): Promise<{ image: string; segmentation: string; project: string }> {
  if (request.image && request.segmentation) {
    const key = createHash('sha256')
      .update(`${request.image}\n${request.segmentation}`)
      .digest('hex')
      .slice(0, 16);
    let project = request.project;
    if (!project) {
      const projects = join(dataDir(), 'projects');
      mkdirSync(projects, { recursive: true });
      project = join(projects, `${key}.axonproj`);
    }
    return { image: request.image, segmentation: request.segmentation, project };
  }
  if (request.image || request.segmentation) {
    throw new Error('open needs both an image and a segmentation (PATH[:DATASET] each)');
  }
  if (request.project) {
    const stored = storedSpecs(request.project);
    if (stored) return { ...stored, project: request.project };
  }
  const demo = await ensureDemoFiles(join(dataDir(), 'demo'));
  return {
    image: `${demo.image}:raw`,
    segmentation: `${demo.segmentation}:stack`,
    project: request.project ?? join(dataDir(), 'demo.axonproj'),
  };
}

function storedSpecs(projectPath: string): { image: string; segmentation: string } | undefined {
  const project = ProjectStore.open(projectPath);
  try {
    const sources = project.sources();
    const image = sources.find((s) => s.role === 'image')?.spec;
    const segmentation = sources.find((s) => s.role === 'segmentation')?.spec;
    return image && segmentation ? { image, segmentation } : undefined;
  } finally {
    project.close();
  }
}

/**
 * The segment index of `spec`: read from the project when it was stored for this very file (same
 * spec, size and modification time), else built by a scan and stored for next time.
 */
async function cachedSegmentIndex(
  project: ProjectStore,
  spec: string,
  source: VolumeSource,
  cache: ChunkCache,
  ctx: TaskContext,
): Promise<SegmentIndex> {
  const { path } = parseVolumeSpec(spec, existsSync);
  const stat = statSync(path);
  const stamp = JSON.stringify([spec, stat.size, stat.mtimeMs, source.info.shape, source.info.dtype]);
  const stored = project.derived('segmentIndex', stamp);
  const cached = stored && SegmentIndex.fromBytes(stored);
  if (cached) return cached;
  const index = await SegmentIndex.build(source, cache, ctx);
  project.setDerived('segmentIndex', stamp, index.toBytes());
  return index;
}
