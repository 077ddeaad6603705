import { parentPort } from 'node:worker_threads';
import { skeletonizeSegment } from '../../shared/skeleton/skeletonize';
import { findLikelyErrors } from '../../shared/todo/findLikelyErrors';
import { IdTable } from '../../shared/volume/idTable';
import type { MetricsJob, MetricsWorkerMessage } from './metricsProtocol';

/** Runs one to-do list or TEASAR job off the main thread; the service terminates it to cancel. */
parentPort?.once('message', (job: MetricsJob) => {
  const post = (message: MetricsWorkerMessage): void => parentPort?.postMessage(message);
  try {
    if (job.kind === 'todo') {
      const ids = new IdTable();
      for (const id of job.ids.slice(1)) ids.index(id);
      const items = findLikelyErrors(
        { labels: job.labels, ids, shape: job.shape, resolution: job.resolution, image: job.image },
        { ...job.options, progress: (done, total) => post({ type: 'progress', done, total }) },
      );
      post({ type: 'todo', items });
    } else {
      const skeleton = skeletonizeSegment(job.mask, job.box.size, job.resolution, {
        label: 1,
        offset: job.box.start,
        id: job.id,
      });
      post({ type: 'skeleton', skeleton });
    }
  } catch (error) {
    post({ type: 'error', message: (error as Error).message });
  }
});
