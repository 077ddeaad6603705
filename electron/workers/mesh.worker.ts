import { parentPort } from 'node:worker_threads';
import { meshSegment } from '../../shared/mesh/meshSegment';
import { vertexNormals } from '../../shared/mesh/normals';
import type { MeshReply, MeshRequest } from './meshProtocol';

/** Meshes one segment (the union of `ids`, merged segments included) from a block of labels. */
parentPort?.on('message', (request: MeshRequest) => {
  try {
    const { labels, box, ids, resolution } = request;
    const words = new Uint32Array(labels.buffer, labels.byteOffset, labels.length * 2);
    const wanted = ids.map((id) => [Number(id & 0xffffffffn), Number(id >> 32n)] as const);
    const mask = new Uint32Array(labels.length);
    for (let i = 0; i < labels.length; i++) {
      const lo = words[2 * i]!;
      const hi = words[2 * i + 1]!;
      for (const [wlo, whi] of wanted) {
        if (lo === wlo && hi === whi) {
          mask[i] = 1;
          break;
        }
      }
    }
    const mesh = meshSegment(mask, box.size, 1, { resolution, offset: box.start });
    // Normals are computed here, off the renderer's main thread, which only uploads them.
    const normals = mesh.normals ?? vertexNormals(mesh.positions, mesh.indices);
    const reply: MeshReply = {
      jobId: request.jobId,
      positions: mesh.positions,
      indices: mesh.indices,
      normals,
    };
    const buffers = new Set([mesh.positions.buffer, mesh.indices.buffer, normals.buffer]);
    parentPort?.postMessage(reply, [...buffers] as ArrayBuffer[]);
  } catch (error) {
    const reply: MeshReply = { jobId: request.jobId, error: (error as Error).message };
    parentPort?.postMessage(reply);
  }
});
