import { EditError, type EditErrorCode } from '../../../shared/edit/types';

/** The EditError code `run` throws (fails the test when it throws anything else or nothing). */
export function errorCode(run: () => unknown): EditErrorCode {
  try {
    run();
  } catch (e) {
    if (e instanceof EditError) return e.code;
    throw e;
  }
  throw new Error('expected an EditError, but nothing was thrown');
}

export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/** Indices where `a` and `b` differ. */
export function differences(a: BigUint64Array, b: BigUint64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}
