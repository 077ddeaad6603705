import { describe, expect, it } from 'vitest';
import { EditWorker } from '../../../electron/services/editWorker';

describe('the edit worker', () => {
  it('warms up once, and a stop cuts a warm-up short so that the next one starts a fresh worker', async () => {
    const worker = new EditWorker();
    try {
      const first = worker.warmUp();
      expect(worker.warmUp()).toBe(first);
      worker.stop(new Error('stopped while warming up'));
      await expect(first).rejects.toThrow('stopped while warming up');
      const second = worker.warmUp();
      expect(second).not.toBe(first);
      await expect(second).resolves.toBeUndefined();
      expect(worker.warmUp()).toBe(second);
    } finally {
      worker.stop();
    }
  }, 60_000);
});
