import { describe, expect, it } from 'vitest';
import { eventsUrl, parseEvent, takeToken, type Transport } from '../../../renderer/api/bridge';
import { clientFor } from '../../../renderer/api/client';

describe('browser-mode transport helpers', () => {
  it('takes the token from the URL and gives the address without it', () => {
    const { token, cleanUrl } = takeToken('http://127.0.0.1:5123/?token=abc123&x=1#frag', null);
    expect(token).toBe('abc123');
    expect(cleanUrl).toBe('/?x=1#frag');
  });

  it('falls back to the stored token after a reload', () => {
    expect(takeToken('http://127.0.0.1:5123/', 'kept')).toEqual({ token: 'kept', cleanUrl: null });
  });

  it('builds the events socket address on the same host', () => {
    expect(eventsUrl('http://127.0.0.1:5123/', 'a b')).toBe('ws://127.0.0.1:5123/events?token=a%20b');
  });

  it('parses progress and taskEnd events and ignores anything else', () => {
    expect(parseEvent('{"type":"progress","taskId":"t1","label":"Loading","done":2,"total":4}')).toEqual({
      type: 'progress',
      taskId: 't1',
      label: 'Loading',
      done: 2,
      total: 4,
    });
    expect(parseEvent('{"type":"taskEnd","taskId":"t1","cancelled":true}')).toEqual({
      type: 'taskEnd',
      taskId: 't1',
      cancelled: true,
    });
    expect(parseEvent('{"type":"progress","taskId":"t1"}')).toBeNull();
    expect(parseEvent('not json')).toBeNull();
  });
});

describe('clientFor', () => {
  it('turns each contract method into a call of the transport', async () => {
    const calls: [string, unknown][] = [];
    const transport: Transport = {
      invoke: (method, request) => {
        calls.push([method, request]);
        return Promise.resolve(method === 'getSession' ? null : true);
      },
      onEvent: () => () => {},
    };
    const api = clientFor(transport);
    expect(await api.getSession({})).toBeNull();
    expect(await api.cancelTask({ taskId: 'open-1' })).toBe(true);
    expect(calls).toEqual([
      ['getSession', {}],
      ['cancelTask', { taskId: 'open-1' }],
    ]);
  });
});
