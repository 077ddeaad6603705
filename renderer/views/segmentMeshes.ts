import { Box3, BufferAttribute, BufferGeometry, DoubleSide, Group, Mesh, MeshPhongMaterial } from 'three';
import type { MeshData } from '../../shared/api/types';
import { colorOfId } from './segmentPalette';

interface Entry {
  readonly material: MeshPhongMaterial;
  mesh: Mesh | null;
  /** Meshes of segments merged into this one, shown with it until its own mesh is fetched again. */
  absorbed: Mesh[];
  /** Counts fetches: only the latest one's answer is shown. */
  version: number;
  /** The fetch whose mesh is shown (equal to `version` when none is in flight). */
  shown: number;
}

export interface MeshDisplay {
  readonly selection: readonly string[];
  readonly hidden: ReadonlySet<string>;
  readonly colors: Readonly<Record<string, string>>;
}

/**
 * The meshes of the selected segments: fetched once per selection and again when an edit changes
 * them (the old mesh stays until the new one arrives), coloured like the slices, hidden with their
 * segment, and disposed (geometry and material) when deselected.
 */
export class SegmentMeshes {
  readonly group = new Group();
  private readonly entries = new Map<string, Entry>();
  private display: MeshDisplay = { selection: [], hidden: new Set(), colors: {} };

  constructor(
    private readonly load: (id: string) => Promise<MeshData>,
    private readonly changed: () => void,
  ) {}

  sync(display: MeshDisplay): void {
    this.display = display;
    const wanted = new Set(display.selection);
    for (const id of [...this.entries.keys()]) if (!wanted.has(id)) this.remove(id);
    for (const id of display.selection) {
      let entry = this.entries.get(id);
      if (!entry) {
        entry = {
          material: new MeshPhongMaterial({ side: DoubleSide, shininess: 40, specular: 0x222222 }),
          mesh: null,
          absorbed: [],
          version: 0,
          shown: 0,
        };
        this.entries.set(id, entry);
        this.fetch(id, entry);
      }
      entry.material.color.setHex(colorOfId(id, display.colors));
      for (const mesh of meshesOf(entry)) mesh.visible = !display.hidden.has(id);
    }
    this.changed();
  }

  /**
   * Segments `from` were merged into `to`. When `to` is shown and every one of them has its mesh
   * here, their meshes join `to`'s (its colour, its visibility) and nothing is fetched: the 3D
   * view shows the merge at once, as Neuroglancer shows merged supervoxels. Returns false when
   * `to` needs fetching instead.
   */
  merge(from: readonly string[], to: string): boolean {
    const target = this.entries.get(to);
    const sources = from.map((id) => this.entries.get(id));
    if (!isReady(target) || !sources.every(isReady)) return false;
    for (const [k, source] of sources.entries()) {
      for (const mesh of meshesOf(source)) {
        mesh.material = target.material;
        mesh.visible = target.mesh.visible;
        target.absorbed.push(mesh);
      }
      // Its meshes live on in `target`: forget them before removing the entry (which disposes).
      const entry: Entry = source;
      entry.mesh = null;
      entry.absorbed = [];
      this.remove(from[k]!);
    }
    this.changed();
    return true;
  }

  /** Fetch these segments' meshes again (an edit changed them); others are left alone. */
  refresh(ids: Iterable<string>): void {
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry) this.fetch(id, entry);
    }
  }

  /** Ids being shown or loaded. */
  get ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Meshes loaded and visible now. */
  get shownCount(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.mesh?.visible) n++;
    return n;
  }

  /** Bounds of the visible meshes in nm (xyz), or null when none is shown. */
  bounds(): Box3 | null {
    const box = new Box3();
    for (const entry of this.entries.values()) {
      for (const mesh of meshesOf(entry)) {
        if (!mesh.visible) continue;
        mesh.geometry.computeBoundingBox();
        if (mesh.geometry.boundingBox) box.union(mesh.geometry.boundingBox);
      }
    }
    return box.isEmpty() ? null : box;
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.remove(id);
    this.changed();
  }

  dispose(): void {
    this.clear();
  }

  private fetch(id: string, entry: Entry): void {
    const version = ++entry.version;
    this.load(id).then(
      (data) => {
        // Deselected (or cleared, or fetched again) while loading: drop the answer.
        if (this.entries.get(id) !== entry || entry.version !== version) return;
        const geometry = new BufferGeometry();
        geometry.setAttribute('position', new BufferAttribute(data.positions, 3));
        geometry.setIndex(new BufferAttribute(data.indices, 1));
        // The backend's mesher sends normals, so the main thread does not compute them.
        if (data.normals.length === data.positions.length)
          geometry.setAttribute('normal', new BufferAttribute(data.normals, 3));
        else geometry.computeVertexNormals();
        this.dropMeshes(entry);
        entry.shown = version;
        entry.mesh = new Mesh(geometry, entry.material);
        entry.mesh.name = `segment-${id}`;
        entry.mesh.visible = !this.display.hidden.has(id);
        this.group.add(entry.mesh);
        this.changed();
      },
      () => {
        // The loader reports errors; keep the entry so that the failure is not retried in a loop.
      },
    );
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.dropMeshes(entry);
    entry.material.dispose();
  }

  private dropMeshes(entry: Entry): void {
    for (const mesh of meshesOf(entry)) {
      this.group.remove(mesh);
      mesh.geometry.dispose();
    }
    entry.mesh = null;
    entry.absorbed = [];
  }
}

/** Shown, with no fetch in flight that would replace its mesh. */
function isReady(entry: Entry | undefined): entry is Entry & { mesh: Mesh } {
  return entry?.mesh != null && entry.shown === entry.version;
}

function meshesOf(entry: Entry): Mesh[] {
  return entry.mesh ? [entry.mesh, ...entry.absorbed] : entry.absorbed;
}
