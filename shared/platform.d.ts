// Globals that every runtime of shared/ (Node, browsers, workers) provides, declared here because
// shared/ compiles without DOM or Node types.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare function queueMicrotask(callback: () => void): void;
