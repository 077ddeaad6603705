import { validateRequest, type ApiMethod, type ApiResponse } from '../../shared/api/contract';
import type { Backend } from './backend';

/** Validate a raw request from IPC or HTTP against the contract, then run its handler. */
export async function dispatch(
  backend: Backend,
  method: string,
  request: unknown,
): Promise<ApiResponse<ApiMethod>> {
  const valid = validateRequest(method, request);
  const handler = backend.handlers[valid.method] as (request: unknown) => Promise<ApiResponse<ApiMethod>>;
  return handler(valid.request);
}
