import {
  AmbientLight,
  Box3,
  BoxGeometry,
  Color,
  DirectionalLight,
  EdgesGeometry,
  LineBasicMaterial,
  LineSegments,
  Object3D,
  PerspectiveCamera,
  Scene,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { MeshData, SliceAxis } from '../../shared/api/types';
import type { Vec3 } from '../../shared/volume/types';
import { idMergeOf } from '../controller/outcomes';
import type { OutcomeSummary } from '../state/editSlice';
import { watch, type AppStore } from '../state/store';
import { SegmentMeshes } from './segmentMeshes';
import type { SliceLayer } from './sliceLayer';
import { SlicePlanes3d } from './slicePlanes3d';
import { attachSkeletons3d } from './skeletons3d';
import { SplitPreview3d } from './splitPreview3d';

/** Camera direction (from the target) at start: looking down +z like the XY view, tilted. */
const VIEW_DIRECTION = new Vector3(0.55, -0.45, -1).normalize();

/**
 * The 3D view: meshes of the selected segments, the three slice planes at the crosshair, the
 * volume's bounding box; orbit controls; renders on demand. World units are nm, axes xyz.
 */
export class MeshScene {
  readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(40, 1, 1, 1e7);
  private readonly controls: OrbitControls;
  private readonly meshes: SegmentMeshes;
  private readonly planes: SlicePlanes3d;
  readonly preview: SplitPreview3d;
  private readonly box = new LineSegments(
    new EdgesGeometry(new BoxGeometry(1, 1, 1)),
    new LineBasicMaterial({ color: 0x8a8f98 }),
  );
  private readonly offs: (() => void)[] = [];
  private readonly resizeObserver: ResizeObserver;
  private frame = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly store: AppStore,
    layers: Readonly<Record<SliceAxis, SliceLayer>>,
    loadMesh: (id: string) => Promise<MeshData>,
  ) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    this.scene.background = new Color(0x0b0c0f);
    this.camera.up.set(0, -1, 0);
    this.setUpLights();
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.addEventListener('change', () => this.requestRender());
    this.meshes = new SegmentMeshes(loadMesh, () => this.requestRender());
    this.planes = new SlicePlanes3d(layers, () => this.requestRender());
    this.preview = new SplitPreview3d(
      () => this.requestRender(),
      (message) => store.getState().pushError(message),
    );
    this.scene.add(this.box, this.planes.group, this.meshes.group, this.preview.group);
    this.offs.push(attachSkeletons3d(this.scene, store, () => this.requestRender()));
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
    this.subscribe();
    this.applySession(true);
  }

  get meshesShown(): number {
    return this.meshes.shownCount;
  }

  /** Fit the camera to the visible meshes (a split preview's too), or to the volume when none is shown. */
  frameSelection(): void {
    const meshes = this.meshes.bounds();
    const preview = this.preview.bounds();
    const box = meshes && preview ? meshes.union(preview) : (meshes ?? preview);
    this.frameBox(box ?? this.volumeBox());
  }

  requestRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderer.render(this.scene, this.camera);
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    for (const off of this.offs) off();
    this.resizeObserver.disconnect();
    this.controls.dispose();
    this.meshes.dispose();
    this.planes.dispose();
    this.preview.dispose();
    this.box.geometry.dispose();
    this.box.material.dispose();
    this.renderer.dispose();
  }

  private setUpLights(): void {
    this.scene.add(new AmbientLight(0xffffff, 0.45));
    // The key light rides with the camera so that whatever faces the viewer is lit.
    const key = new DirectionalLight(0xffffff, 1.3);
    const target = new Object3D();
    key.position.set(0.4, -0.6, 0.2);
    target.position.set(0, 0, -1);
    key.target = target;
    this.camera.add(key, target);
    this.scene.add(this.camera);
  }

  private subscribe(): void {
    const s = this.store;
    const syncMeshes = () => this.syncMeshes();
    const resolution = () => s.getState().session?.segmentation.resolution ?? [1, 1, 1];
    this.offs.push(
      // An edit changed these segments: mesh them again, in place. A merge of shown meshes just
      // regroups them. This runs before the selection watch below drops the merged-away ids.
      watch(
        s,
        (st) => st.lastOutcome,
        (outcome) => outcome && this.applyOutcome(outcome),
      ),
      watch(
        s,
        (st) => st.sessionSeq,
        () => this.applySession(false),
      ),
      watch(
        s,
        (st) => st.view.position,
        () => this.placePlanes(),
      ),
      watch(s, (st) => st.selection, syncMeshes),
      watch(s, (st) => st.view.hidden, syncMeshes),
      watch(s, (st) => st.view.colors, syncMeshes),
      watch(
        s,
        (st) => st.frameRequest,
        (request) => (request.target === 'volume' ? this.frameBox(this.volumeBox()) : this.frameSelection()),
      ),
      watch(
        s,
        (st) => st.showPlanes3d,
        (show) => this.planes.setVisible(show),
      ),
      watch(
        s,
        (st) => st.preview,
        (preview) => {
          this.preview.showPreview(preview, resolution());
          syncMeshes();
        },
      ),
      watch(
        s,
        (st) => st.split,
        (split) => this.preview.showSeeds(split, resolution()),
      ),
    );
  }

  private applyOutcome(outcome: OutcomeSummary): void {
    const merge = idMergeOf(outcome);
    if (merge && this.meshes.merge(merge.from, merge.to)) {
      this.meshes.refresh(outcome.changed.filter((id) => id !== merge.to && !merge.from.includes(id)));
    } else this.meshes.refresh(outcome.changed);
  }

  /** Selected meshes; the segment being split is hidden while its preview sides are shown. */
  private syncMeshes(): void {
    const { selection, view, preview } = this.store.getState();
    const hidden = new Set(view.hidden);
    if (preview) hidden.add(preview.segment.toString());
    this.meshes.sync({ selection, hidden, colors: view.colors });
  }

  private applySession(first: boolean): void {
    const { session } = this.store.getState();
    if (!first) this.meshes.clear();
    if (!session) return;
    const size = this.volumeBox().getSize(new Vector3());
    this.box.scale.copy(size);
    this.box.position.copy(size.clone().multiplyScalar(0.5));
    this.placePlanes();
    this.syncMeshes();
    this.frameBox(this.volumeBox());
  }

  private placePlanes(): void {
    const { session, view } = this.store.getState();
    if (session)
      this.planes.place(session.segmentation.shape, session.segmentation.resolution, view.position);
  }

  private volumeBox(): Box3 {
    const session = this.store.getState().session;
    const shape: Vec3 = session?.segmentation.shape ?? [1, 1, 1];
    const res: Vec3 = session?.segmentation.resolution ?? [1, 1, 1];
    return new Box3(
      new Vector3(0, 0, 0),
      new Vector3(shape[2] * res[2], shape[1] * res[1], shape[0] * res[0]),
    );
  }

  private frameBox(box: Box3): void {
    const center = box.getCenter(new Vector3());
    const radius = Math.max(1, box.getSize(new Vector3()).length() / 2);
    const fov = (this.camera.fov * Math.PI) / 180;
    const fit = Math.min(fov, 2 * Math.atan(Math.tan(fov / 2) * this.camera.aspect));
    const distance = (radius / Math.sin(fit / 2)) * 1.05;
    this.camera.position.copy(center).addScaledVector(VIEW_DIRECTION, distance);
    this.camera.near = distance / 100;
    this.camera.far = distance * 10;
    this.camera.updateProjectionMatrix();
    this.controls.target.copy(center);
    this.controls.update();
    this.requestRender();
  }

  private resize(): void {
    const width = Math.max(1, this.canvas.clientWidth);
    const height = Math.max(1, this.canvas.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }
}
