import { describe, expect, it } from 'vitest';
import { ApiValidationError, apiMethods, validateRequest } from '../../../shared/api/contract';

describe('API contract validation', () => {
  it('accepts well-formed requests', () => {
    expect(validateRequest('getSlice', { axis: 'xy', index: 3 }).request).toEqual({ axis: 'xy', index: 3 });
    expect(validateRequest('getMesh', { id: '18446744073709551615' }).request).toEqual({
      id: '18446744073709551615',
    });
    expect(validateRequest('getSession', undefined).request).toEqual({});
  });

  it.each([
    ['noSuchMethod', {}, /unknown API method 'noSuchMethod'/],
    ['getSlice', { axis: 'xw', index: 3 }, /getSlice at 'axis'/],
    ['getSlice', { axis: 'xy', index: -1 }, /getSlice at 'index'/],
    ['getSlice', { axis: 'xy', index: 1.5 }, /getSlice at 'index'/],
    ['getSlice', { axis: 'xy', index: 3, extra: true }, /getSlice/],
    ['getMesh', { id: '18446744073709551616' }, /below 2\^64/],
    ['getMesh', { id: 42 }, /getMesh at 'id'/],
    ['getMesh', { id: '12; DROP TABLE' }, /decimal uint64/],
    ['setSelection', { ids: 'all' }, /setSelection at 'ids'/],
    ['listSegments', { limit: 1_000_000 }, /listSegments at 'limit'/],
    ['openVolumes', { image: '' }, /openVolumes at 'image'/],
    [
      'setViewState',
      { position: [1, 2], zoom: 1, opacity: 0.5, outlineOnly: false, hidden: [], colors: {} },
      /setViewState at 'position'/,
    ],
    ['cancelTask', { taskId: '../../etc' }, /cancelTask at 'taskId'/],
  ])('rejects %s %j', (method, request, message) => {
    expect(() => validateRequest(method, request)).toThrow(ApiValidationError);
    expect(() => validateRequest(method, request)).toThrow(message);
  });

  it('has every method named once', () => {
    expect(new Set(apiMethods).size).toBe(apiMethods.length);
    expect(apiMethods).toContain('getSlice');
  });
});
