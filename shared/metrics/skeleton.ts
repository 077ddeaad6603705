/**
 * A ground-truth skeleton as SWC holds it (shared/formats/swc.ts is to export the same shape;
 * once it does, this file should re-export that one). Positions are in nm.
 */
export interface SkeletonNode {
  x: number;
  y: number;
  z: number;
  radius: number;
  /** Index into `nodes` of the parent node, -1 for a root. */
  parent: number;
}

export interface Skeleton {
  id: number;
  nodes: SkeletonNode[];
}
