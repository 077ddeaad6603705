import { describe, expect, it } from 'vitest';
import { caseTable, cellPolygons, EDGE_HI, EDGE_LO } from '../../../shared/mesh/caseTable';

/** Edges whose two corners differ in case `cs`. */
function activeEdges(cs: number): number[] {
  return [...Array(12).keys()].filter((k) => ((cs >> EDGE_LO[k]!) & 1) !== ((cs >> EDGE_HI[k]!) & 1));
}

/** The corners of edge k, as a set of 3-bit positions. */
function cornersOf(k: number): number[] {
  return [EDGE_LO[k]!, EDGE_HI[k]!];
}

/** Whether two cell edges lie on one face: all four corners agree on one axis bit. */
function shareFace(a: number, b: number): boolean {
  const corners = [...cornersOf(a), ...cornersOf(b)];
  return [1, 2, 4].some((bit) => corners.every((c) => (c & bit) === (corners[0]! & bit)));
}

/** A polygon as a canonical string, up to rotation of its starting point. */
function canonical(poly: number[]): string {
  const i = poly.indexOf(Math.min(...poly));
  return [...poly.slice(i), ...poly.slice(0, i)].join(',');
}

describe('marching cubes case table', () => {
  for (const connectivity of [6, 18] as const) {
    it(`covers each crossing edge once and never draws a chord inside a face (${connectivity})`, () => {
      const table = caseTable(connectivity);
      for (let cs = 0; cs < 256; cs++) {
        const polygons = cellPolygons(cs, connectivity);
        expect(polygons.flat().sort((a, b) => a - b)).toEqual(activeEdges(cs));
        const sides = new Set<string>();
        for (const poly of polygons) {
          poly.forEach((k, i) => {
            const next = poly[(i + 1) % poly.length]!;
            expect(shareFace(k, next)).toBe(true); // each arc runs along one face
            sides.add([k, next].sort((a, b) => a - b).join());
          });
        }
        const count = table.count[cs]!;
        expect(count).toBe(polygons.reduce((n, p) => n + p.length - 2, 0));
        const tris = table.edges.subarray(cs * table.stride, cs * table.stride + 3 * count);
        for (let t = 0; t < tris.length; t += 3) {
          for (let c = 0; c < 3; c++) {
            const [a, b] = [tris[t + c]!, tris[t + ((c + 1) % 3)]!];
            if (shareFace(a, b)) expect(sides.has([a, b].sort((x, y) => x - y).join())).toBe(true);
          }
        }
      }
    });
  }

  it('treats the inside at 6 as it treats the outside at 18 (complementary cases, reversed)', () => {
    for (let cs = 0; cs < 256; cs++) {
      const six = cellPolygons(cs, 6).map(canonical).sort();
      const eighteen = cellPolygons(255 - cs, 18)
        .map((p) => canonical([...p].reverse()))
        .sort();
      expect(six).toEqual(eighteen);
    }
  });

  it('joins two face-diagonal inside corners only at 18', () => {
    const diagonal = (1 << 0) | (1 << 3); // corners (0,0,0) and (1,1,0) on the z = 0 face
    expect(cellPolygons(diagonal, 6)).toHaveLength(2);
    expect(cellPolygons(diagonal, 18)).toHaveLength(1);
    const bodyDiagonal = (1 << 0) | (1 << 7);
    expect(cellPolygons(bodyDiagonal, 18)).toHaveLength(2);
  });
});
