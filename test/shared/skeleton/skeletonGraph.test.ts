import { describe, expect, it } from 'vitest';
import type { Skeleton, SkeletonNode } from '../../../shared/formats/swc';
import { SkeletonGraph, pruneSpurs } from '../../../shared/skeleton/skeletonGraph';

/** Nodes along x at 10 nm spacing, each the child of the previous one (or of `from`). */
function chain(
  nodes: SkeletonNode[],
  from: number,
  count: number,
  step: [number, number],
  radius = 5,
): number {
  let parent = from;
  const origin = nodes[from] ?? { x: 0, y: 0 };
  for (let i = 1; i <= count; i++) {
    nodes.push({ x: origin.x + i * step[0], y: origin.y + i * step[1], z: 0, radius, parent });
    parent = nodes.length - 1;
  }
  return parent;
}

/** A 200 nm trunk with a 100 nm side branch at its middle and a 20 nm spur 50 nm from its end. */
function sample(): Skeleton {
  const nodes: SkeletonNode[] = [{ x: 0, y: 0, z: 0, radius: 5, parent: -1 }];
  chain(nodes, 0, 20, [10, 0]);
  chain(nodes, 10, 10, [0, 10]);
  chain(nodes, 15, 2, [0, -10]);
  return { id: 1, nodes };
}

describe('SkeletonGraph', () => {
  it('measures length, degrees, walks and reach', () => {
    const g = new SkeletonGraph(sample());
    expect(g.size).toBe(33);
    expect(g.totalLength()).toBeCloseTo(200 + 100 + 20, 6);
    expect(g.nodesOfDegree((d) => d === 1)).toEqual([0, 20, 30, 32]);
    expect(g.nodesOfDegree((d) => d >= 3)).toEqual([10, 15]);
    const fromRoot = g.walk(0, -1, Infinity);
    expect(fromRoot.nodes[fromRoot.nodes.length - 1]).toBe(10);
    expect(fromRoot.length).toBeCloseTo(100, 6);
    expect(g.walk(0, -1, 35).length).toBeCloseTo(40, 6);
    expect(g.reach(10, 21, Infinity)).toBeCloseTo(100, 6);
    expect(g.reach(10, 11, Infinity)).toBeCloseTo(100, 6);
    expect(g.reach(10, 9, 50)).toBe(50);
  });

  it('prunes short terminal spurs only, keeping a valid tree', () => {
    const pruned = pruneSpurs(sample(), () => 30);
    expect(pruned.nodes).toHaveLength(31);
    const g = new SkeletonGraph(pruned);
    expect(g.totalLength()).toBeCloseTo(300, 6);
    expect(g.nodesOfDegree((d) => d >= 3)).toHaveLength(1);
    pruned.nodes.forEach((n, i) => expect(n.parent).toBeLessThan(i));
  });

  it('makes the branch node the new root when the pruned spur held the root', () => {
    const nodes: SkeletonNode[] = [{ x: 0, y: 0, z: 0, radius: 5, parent: -1 }];
    const fork = chain(nodes, 0, 2, [10, 0]);
    chain(nodes, fork, 20, [10, 10]);
    chain(nodes, fork, 20, [10, -10]);
    const pruned = pruneSpurs({ id: 2, nodes }, (radius) => 10 * radius);
    expect(pruned.nodes).toHaveLength(41);
    expect(pruned.nodes.filter((n) => n.parent < 0)).toEqual([{ x: 20, y: 0, z: 0, radius: 5, parent: -1 }]);
    expect(new SkeletonGraph(pruned).nodesOfDegree((d) => d === 1)).toHaveLength(2);
  });
});
