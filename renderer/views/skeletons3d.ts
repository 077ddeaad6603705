import {
  BufferGeometry,
  Float32BufferAttribute,
  Group,
  LineBasicMaterial,
  LineSegments,
  type Scene,
} from 'three';
import type { SkeletonData } from '../../shared/api/metricsTypes';
import { watch, type AppStore } from '../state/store';
import { shownSkeletons } from './skeletonOverlay';

/** Line segments (child -> parent) of skeletons, positions in nm (xyz), as the 3D view's world. */
function edgeGeometry(skeletons: readonly SkeletonData[]): BufferGeometry {
  let edges = 0;
  for (const s of skeletons) for (const p of s.parents) if (p >= 0) edges++;
  const positions = new Float32Array(6 * edges);
  let k = 0;
  for (const s of skeletons) {
    s.parents.forEach((p, i) => {
      if (p < 0) return;
      positions.set(s.positions.subarray(3 * i, 3 * i + 3), k);
      positions.set(s.positions.subarray(3 * p, 3 * p + 3), k + 3);
      k += 6;
    });
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
  return geometry;
}

/**
 * Adds the shown skeletons (ground truth, selection's TEASAR) to a Three.js scene as line
 * segments and keeps them in step with the store. Returns a function that removes and disposes
 * them.
 */
export function attachSkeletons3d(scene: Scene, store: AppStore, requestRender: () => void): () => void {
  const group = new Group();
  group.name = 'skeletons';
  scene.add(group);
  const clear = () => {
    for (const child of [...group.children]) {
      const line = child as LineSegments<BufferGeometry, LineBasicMaterial>;
      line.geometry.dispose();
      line.material.dispose();
      group.remove(line);
    }
  };
  const sync = () => {
    clear();
    for (const { skeletons, color } of shownSkeletons(store.getState())) {
      if (skeletons.length === 0) continue;
      group.add(new LineSegments(edgeGeometry(skeletons), new LineBasicMaterial({ color })));
    }
    requestRender();
  };
  const offs = [
    watch(store, (s) => s.groundTruthSkeletons, sync),
    watch(store, (s) => s.segmentSkeletons, sync),
    watch(store, (s) => s.skeletonDisplay, sync),
  ];
  sync();
  return () => {
    offs.forEach((off) => off());
    clear();
    scene.remove(group);
  };
}
