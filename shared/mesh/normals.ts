// Math.hypot is several times slower than sqrt in V8; this runs once per vertex.

/** Area-weighted unit vertex normals; outward when triangles wind counter-clockwise from outside. */
export function vertexNormals(positions: Float32Array, indices: Uint32Array): Float32Array {
  const sum = new Float64Array(positions.length);
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t]!;
    const b = 3 * indices[t + 1]!;
    const c = 3 * indices[t + 2]!;
    const ux = positions[b]! - positions[a]!;
    const uy = positions[b + 1]! - positions[a + 1]!;
    const uz = positions[b + 2]! - positions[a + 2]!;
    const vx = positions[c]! - positions[a]!;
    const vy = positions[c + 1]! - positions[a + 1]!;
    const vz = positions[c + 2]! - positions[a + 2]!;
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    add(sum, a, nx, ny, nz);
    add(sum, b, nx, ny, nz);
    add(sum, c, nx, ny, nz);
  }
  const out = new Float32Array(positions.length);
  for (let v = 0; v < out.length; v += 3) {
    const len = Math.sqrt(sum[v]! * sum[v]! + sum[v + 1]! * sum[v + 1]! + sum[v + 2]! * sum[v + 2]!) || 1;
    out[v] = sum[v]! / len;
    out[v + 1] = sum[v + 1]! / len;
    out[v + 2] = sum[v + 2]! / len;
  }
  return out;
}

function add(sum: Float64Array, v: number, x: number, y: number, z: number): void {
  sum[v]! += x;
  sum[v + 1]! += y;
  sum[v + 2]! += z;
}
