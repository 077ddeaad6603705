/**
 * Binary envelope for API responses in browser mode: JSON plus the raw bytes of typed arrays, so
 * slices and meshes cross HTTP without base64, and bigint ids survive. Electron's IPC needs none of
 * this (structured clone carries both).
 *
 * Layout: u32 little-endian JSON byte length, the JSON (UTF-8), zero padding to 8 bytes, then each
 * array's bytes, each padded to 8 bytes.
 */

type TypedArray =
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigUint64Array
  | BigInt64Array;

const constructors = {
  Uint8Array,
  Uint16Array,
  Uint32Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigUint64Array,
  BigInt64Array,
} as const;
type TypedArrayName = keyof typeof constructors;

function typedArrayName(value: unknown): TypedArrayName | undefined {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return undefined;
  const name = value.constructor.name;
  return name in constructors ? (name as TypedArrayName) : undefined;
}

const pad8 = (n: number): number => (n + 7) & ~7;

export function encodeEnvelope(value: unknown): Uint8Array {
  const arrays: TypedArray[] = [];
  let dataBytes = 0;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return { $big: v.toString() };
    const name = typedArrayName(v);
    if (name) {
      const a = v as TypedArray;
      arrays.push(a);
      const placeholder = { $ta: name, $o: dataBytes, $n: a.length };
      dataBytes += pad8(a.byteLength);
      return placeholder;
    }
    return v;
  });
  const jsonBytes = new TextEncoder().encode(json ?? 'null');
  const dataStart = pad8(4 + jsonBytes.length);
  const out = new Uint8Array(dataStart + dataBytes);
  new DataView(out.buffer).setUint32(0, jsonBytes.length, true);
  out.set(jsonBytes, 4);
  let offset = dataStart;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += pad8(a.byteLength);
  }
  return out;
}

export function decodeEnvelope(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 4) throw new Error('API response is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  const dataStart = pad8(4 + jsonLength);
  if (4 + jsonLength > bytes.byteLength) throw new Error('API response is truncated');
  const json = new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength));
  return JSON.parse(json, (_key, v: unknown) => {
    if (v && typeof v === 'object') {
      const o = v as { $big?: unknown; $ta?: unknown; $o?: unknown; $n?: unknown };
      if (typeof o.$big === 'string') return BigInt(o.$big);
      if (
        typeof o.$ta === 'string' &&
        o.$ta in constructors &&
        typeof o.$o === 'number' &&
        typeof o.$n === 'number'
      ) {
        const Ctor = constructors[o.$ta as TypedArrayName];
        const begin = dataStart + o.$o;
        const byteLength = o.$n * Ctor.BYTES_PER_ELEMENT;
        if (begin + byteLength > bytes.byteLength) throw new Error('API response is truncated');
        // Copy so the array is aligned and owns its buffer (transferable to workers).
        const copy = bytes.slice(begin, begin + byteLength);
        return new Ctor(copy.buffer, 0, o.$n);
      }
    }
    return v;
  });
}
