import {
  Box3,
  BufferAttribute,
  BufferGeometry,
  DoubleSide,
  Group,
  Mesh,
  MeshPhongMaterial,
  SphereGeometry,
} from 'three';
import type { SplitPreviewData } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import type { SplitSeeds } from '../state/toolSlice';
import type { PreviewMeshReply, SideMesh } from './previewMeshes';
import { SINK_COLOR, SOURCE_COLOR } from './previewTint';

const material = (color: number) =>
  new MeshPhongMaterial({ color, side: DoubleSide, shininess: 30, specular: 0x222222 });

/**
 * The split preview in 3D: both sides meshed in a worker and drawn in their side colours, and
 * the seeds as small spheres. A newer preview replaces an older one; the old meshes stay until
 * the new ones arrive.
 */
export class SplitPreview3d {
  readonly group = new Group();
  private readonly materials = { source: material(SOURCE_COLOR), sink: material(SINK_COLOR) };
  private readonly sphere = new SphereGeometry(1, 16, 12);
  private sides: Mesh[] = [];
  private seeds: Mesh[] = [];
  private worker: Worker | null = null;
  private jobId = 0;
  /** The preview whose meshes are shown (tests wait for it). */
  shownFor: SplitPreviewData | null = null;

  constructor(
    private readonly changed: () => void,
    private readonly failed: (message: string) => void,
  ) {}

  /** Bounds of the preview sides in nm, or null when none is shown. */
  bounds(): Box3 | null {
    const box = new Box3();
    for (const mesh of this.sides) {
      mesh.geometry.computeBoundingBox();
      if (mesh.geometry.boundingBox) box.union(mesh.geometry.boundingBox);
    }
    return box.isEmpty() ? null : box;
  }

  get sideMeshCount(): number {
    return this.sides.length;
  }

  showPreview(preview: SplitPreviewData | null, resolution: Vec3): void {
    const jobId = ++this.jobId;
    if (!preview) {
      this.setSides([]);
      this.shownFor = null;
      return;
    }
    const worker = this.ensureWorker();
    if (!worker) return;
    const sides = preview.sides.slice();
    worker.onmessage = (event: MessageEvent<PreviewMeshReply>) => {
      const reply = event.data;
      if (reply.jobId !== this.jobId || jobId !== this.jobId) return;
      if ('error' in reply) return this.failed(`Could not mesh the split preview: ${reply.error}`);
      this.setSides([this.sideMesh(reply.source, 'source'), this.sideMesh(reply.sink, 'sink')]);
      this.shownFor = preview;
    };
    worker.postMessage({ jobId, box: preview.box, sides, resolution }, [sides.buffer]);
  }

  /** Seeds as spheres a few voxels across, at voxel centres (nm, xyz). */
  showSeeds(split: SplitSeeds, resolution: Vec3): void {
    for (const mesh of this.seeds) this.group.remove(mesh);
    const radius = 2.5 * Math.max(...resolution);
    const place = (v: Vec3, kind: 'source' | 'sink') => {
      const mesh = new Mesh(this.sphere, this.materials[kind]);
      mesh.position.set(
        (v[2] + 0.5) * resolution[2],
        (v[1] + 0.5) * resolution[1],
        (v[0] + 0.5) * resolution[0],
      );
      mesh.scale.setScalar(radius);
      mesh.name = `seed-${kind}`;
      return mesh;
    };
    this.seeds = [
      ...split.sources.map((v) => place(v, 'source')),
      ...split.sinks.map((v) => place(v, 'sink')),
    ];
    if (this.seeds.length > 0) this.group.add(...this.seeds);
    this.changed();
  }

  dispose(): void {
    this.worker?.terminate();
    this.setSides([]);
    for (const mesh of this.seeds) this.group.remove(mesh);
    this.sphere.dispose();
    this.materials.source.dispose();
    this.materials.sink.dispose();
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      this.worker = new Worker(new URL('../workers/previewMesh.worker.ts', import.meta.url), {
        type: 'module',
      });
    } catch (error) {
      this.failed(`3D split preview unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.worker;
  }

  private sideMesh(data: SideMesh, kind: 'source' | 'sink'): Mesh {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(data.positions, 3));
    geometry.setIndex(new BufferAttribute(data.indices, 1));
    geometry.computeVertexNormals();
    const mesh = new Mesh(geometry, this.materials[kind]);
    mesh.name = `preview-${kind}`;
    return mesh;
  }

  private setSides(meshes: Mesh[]): void {
    for (const mesh of this.sides) {
      this.group.remove(mesh);
      mesh.geometry.dispose();
    }
    this.sides = meshes;
    if (meshes.length > 0) this.group.add(...meshes);
    this.changed();
  }
}
