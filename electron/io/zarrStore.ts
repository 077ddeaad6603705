import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as zarr from 'zarrita';
import type { AbsolutePath, AsyncMutable } from 'zarrita';

/**
 * A zarr store over a folder: keys are paths below it. zarrita asks for metadata keys that may not
 * exist (`.zarray` before `zarr.json`), which must come back undefined, not throw.
 * (@zarrita/storage has one, but it is not a declared dependency here and this is a few lines.)
 */
export class FolderStore implements AsyncMutable {
  constructor(readonly root: string) {}

  private file(key: AbsolutePath): string {
    return join(this.root, ...key.split('/').filter((part) => part !== ''));
  }

  async get(key: AbsolutePath): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.file(key)));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw error;
    }
  }

  async set(key: AbsolutePath, value: Uint8Array): Promise<void> {
    const file = this.file(key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, value);
  }
}

type CodecEntry = Awaited<ReturnType<NonNullable<ReturnType<typeof zarr.registry.get>>>>;

/**
 * zarrita decodes gzip but cannot encode it; node:zlib does both (and faster than
 * DecompressionStream). Registered once for v3 `gzip` and v2 `numcodecs.gzip`.
 */
function gzipEntry(): CodecEntry {
  const fromConfig = (config: unknown) => {
    const level = (config as { level?: number } | undefined)?.level ?? 5;
    return {
      kind: 'bytes_to_bytes' as const,
      encode: (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes, { level })),
      decode: (bytes: Uint8Array) => new Uint8Array(gunzipSync(bytes)),
    };
  };
  return { fromConfig, kind: 'bytes_to_bytes' } as unknown as CodecEntry;
}

let registered = false;

export function registerGzip(): void {
  if (registered) return;
  registered = true;
  const entry = gzipEntry();
  zarr.registry.set('gzip', () => Promise.resolve(entry));
  zarr.registry.set('numcodecs.gzip', () => Promise.resolve(entry));
}
