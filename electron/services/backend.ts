import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api/contract';
import type { BackendEvent, SessionInfo } from '../../shared/api/types';
import { clampBox } from '../../shared/volume/box';
import type { ImageArray } from '../../shared/volume/types';
import { ChunkCache } from './chunkCache';
import { proofreadingHandlers } from './editHandlers';
import { MeshService } from './meshService';
import { metricsHandlers } from './metricsHandlers';
import { Session } from './session';
import { sliceBox, toDisplay } from './slices';
import { TaskRegistry } from './tasks';

export type Handlers = { [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResponse<M>> };

export class NoSessionError extends Error {
  constructor() {
    super('no volume is open: open an image and a segmentation first');
  }
}

/**
 * The services behind the API contract. Electron's IPC and the browser-mode server both call
 * these handlers, after validating each request against the contract.
 */
export class Backend {
  readonly tasks = new TaskRegistry();
  private readonly cache = new ChunkCache();
  private readonly meshes = new MeshService();
  private session: Session | undefined;
  private opening: Promise<SessionInfo> | undefined;

  onEvent(listener: (event: BackendEvent) => void): () => void {
    return this.tasks.onEvent(listener);
  }

  get current(): Session {
    if (!this.session) throw new NoSessionError();
    return this.session;
  }

  /** Open volumes; a getSession that arrives meanwhile waits for this to finish. */
  open(request: ApiRequest<'openVolumes'>): Promise<SessionInfo> {
    const opening = this.tasks
      .run('Loading volume', request.taskId, (ctx) => Session.open(request, this.cache, ctx))
      .then((session) => {
        this.closeSession();
        this.session = session;
        session.edits.onOutcome((outcome) => {
          // Changed segments get new mesh keys; drop their old meshes now.
          const changed = new Set([...outcome.changed].map(String));
          this.meshes.invalidate((key) => changed.has(key.split('/').at(-2) ?? ''));
          this.tasks.emit({ type: 'edited', outcome });
        });
        const info = session.info();
        this.warmSlices(info.viewState.position);
        return info;
      });
    this.opening = opening;
    const settle = () => {
      if (this.opening === opening) this.opening = undefined;
    };
    opening.then(settle, settle);
    return opening;
  }

  /**
   * Read the three slices through the crosshair into the chunk cache while the page is still
   * loading, so that its first getSlice calls find their chunks decompressed.
   */
  private warmSlices(position: readonly number[]): void {
    this.warming = Promise.all(
      (['xy', 'xz', 'yz'] as const).map((axis, d) =>
        this.handlers.getSlice({ axis, index: position[d]! }).catch(() => undefined),
      ),
    ).then(() => undefined);
  }

  private warming: Promise<void> = Promise.resolve();

  /** Resolves when the slices through the crosshair of the open session are in the cache. */
  warmed(): Promise<void> {
    return this.warming;
  }

  /** Why the volumes named at start could not be opened: told to the first getSession. */
  private startupProblem: string | null = null;

  /**
   * Open the volumes named on the command line. When that fails, the first getSession rejects
   * with the reason (naming the file), so the window shows it instead of opening the demo.
   */
  openAtStart(request: ApiRequest<'openVolumes'>): Promise<void> {
    return this.open(request).then(
      () => undefined,
      (error: Error) => {
        this.startupProblem = error.message;
        console.error(`axon-proofreader: ${error.message}`);
      },
    );
  }

  private async sessionInfo(): Promise<SessionInfo | null> {
    if (this.opening) await this.opening.catch(() => undefined);
    if (!this.session && this.startupProblem) {
      const problem = this.startupProblem;
      this.startupProblem = null;
      throw new Error(problem);
    }
    return this.session?.info() ?? null;
  }

  readonly handlers: Handlers = {
    getSession: () => this.sessionInfo(),
    openVolumes: (request) => this.open(request),
    getSlice: async ({ axis, index }) => {
      const session = this.current;
      const { box, width, height } = sliceBox(axis, index, session.image.info.shape);
      const [image, labels] = await Promise.all([
        this.cache.read(session.image, box),
        session.readCorrectedLabels(box),
      ]);
      return { axis, index, width, height, image: toDisplay(image as ImageArray, session.window), labels };
    },
    listSegments: ({ query, offset, limit }) =>
      Promise.resolve(this.current.index.list(query ?? '', offset ?? 0, limit ?? 100)),
    segmentAt: async ({ voxel }) => {
      const session = this.current;
      const box = clampBox({ start: voxel, size: [1, 1, 1] }, session.segmentation.info.shape);
      if (box.size.some((n) => n === 0))
        throw new RangeError(`voxel ${voxel.join(',')} is outside the volume`);
      const id = (await session.readCorrectedLabels(box))[0]!;
      return id === 0n ? null : (session.index.get(id) ?? null);
    },
    getMesh: async ({ id, taskId }) => {
      const session = this.current;
      const segmentId = BigInt(id);
      const summary = session.index.get(segmentId);
      if (!summary) throw new RangeError(`segment ${id} does not exist`);
      const mesh = await this.tasks.run(`Meshing segment ${id}`, taskId, ({ signal }) =>
        this.meshes.mesh(
          // The version changes with every edit of the segment, so only edited segments re-mesh.
          `${session.project.path}/${id}/${session.edits.version(segmentId)}`,
          async () => {
            const box = { start: summary.bboxStart, size: summary.bboxSize };
            const labels = await session.readCorrectedLabels(box);
            return { labels, box, ids: [segmentId], resolution: session.resolution };
          },
          signal,
        ),
      );
      return { id: segmentId, positions: mesh.positions, indices: mesh.indices, normals: mesh.normals };
    },
    setSelection: ({ ids }) => {
      this.current.project.setSelection(ids.map((s) => BigInt(s)));
      return Promise.resolve(null);
    },
    setViewState: (state) => {
      this.current.project.setViewState(state);
      return Promise.resolve(null);
    },
    cancelTask: ({ taskId }) => Promise.resolve(this.tasks.cancel(taskId)),
    ...proofreadingHandlers(this),
    ...metricsHandlers(this),
  };

  async close(): Promise<void> {
    this.closeSession();
    await this.meshes.close();
  }

  private closeSession(): void {
    if (!this.session) return;
    this.cache.drop(this.session.image);
    this.cache.drop(this.session.segmentation);
    this.session.close();
    this.session = undefined;
  }
}
