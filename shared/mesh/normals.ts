/** Area-weighted unit vertex normals; outward when triangles wind counter-clockwise from outside. */
export function vertexNormals(positions: Float32Array, indices: Uint32Array): Float32Array {
  const n = new Float32Array(positions.length);
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t]!;
    const b = 3 * indices[t + 1]!;
    const c = 3 * indices[t + 2]!;
    const ax = positions[a]!;
    const ay = positions[a + 1]!;
    const az = positions[a + 2]!;
    const ux = positions[b]! - ax;
    const uy = positions[b + 1]! - ay;
    const uz = positions[b + 2]! - az;
    const vx = positions[c]! - ax;
    const vy = positions[c + 1]! - ay;
    const vz = positions[c + 2]! - az;
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    n[a]! += nx;
    n[a + 1]! += ny;
    n[a + 2]! += nz;
    n[b]! += nx;
    n[b + 1]! += ny;
    n[b + 2]! += nz;
    n[c]! += nx;
    n[c + 1]! += ny;
    n[c + 2]! += nz;
  }
  for (let v = 0; v < n.length; v += 3) {
    const x = n[v]!;
    const y = n[v + 1]!;
    const z = n[v + 2]!;
    // sqrt, not Math.hypot: hypot is several times slower in V8.
    const inv = 1 / (Math.sqrt(x * x + y * y + z * z) || 1);
    n[v] = x * inv;
    n[v + 1] = y * inv;
    n[v + 2] = z * inv;
  }
  return n;
}
