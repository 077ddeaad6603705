import { meshPreviewSides, type PreviewMeshReply, type PreviewMeshRequest } from '../views/previewMeshes';

/** Copies, so that the buffer transferred holds just the array (mesh arrays may view longer ones). */
const own = <T extends Float32Array | Uint32Array>(a: T): T => a.slice() as T;

/** Meshes the two sides of a split preview off the UI thread. */
self.onmessage = (event: MessageEvent<PreviewMeshRequest>) => {
  const request = event.data;
  let reply: PreviewMeshReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const { source, sink } = meshPreviewSides(request);
    const meshes = {
      source: { positions: own(source.positions), indices: own(source.indices) },
      sink: { positions: own(sink.positions), indices: own(sink.indices) },
    };
    reply = { jobId: request.jobId, ...meshes };
    transfer = [meshes.source, meshes.sink].flatMap((m) => [
      m.positions.buffer,
      m.indices.buffer,
    ]) as ArrayBuffer[];
  } catch (error) {
    reply = { jobId: request.jobId, error: error instanceof Error ? error.message : String(error) };
  }
  (self as unknown as Worker).postMessage(reply, transfer);
};
