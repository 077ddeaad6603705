import { resolve } from 'node:path';
import { ChunkCache } from '../services/chunkCache';
import { Session } from '../services/session';
import type { Command } from './commands';
import { parse } from './parse';
import { UsageError } from './usageError';

const usage = `Usage: npx axon-proofreader new PROJECT --image PATH[:DATASET] --segmentation PATH[:DATASET]

Creates (or re-points) a project file after checking that both volumes open and match.`;

export const newCommand: Command = {
  summary: 'create a project from an image and a segmentation',
  usage,
  async run(args) {
    const { values, positionals } = parse(
      args,
      { image: { type: 'string' }, segmentation: { type: 'string' } },
      true,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const [project, ...extra] = positionals;
    if (!project || extra.length > 0) throw new UsageError('give exactly one PROJECT file');
    if (!values.image || !values.segmentation)
      throw new UsageError('--image and --segmentation are required');
    const controller = new AbortController();
    const session = await Session.open(
      { image: values.image, segmentation: values.segmentation, project: resolve(project) },
      new ChunkCache(),
      { signal: controller.signal, progress: () => undefined },
    );
    const info = session.info();
    session.close();
    console.log(
      `Created ${info.projectPath}: ${info.image.shape.join('x')} voxels (z,y,x) at ${info.image.resolution.join('x')} nm, ${info.segmentCount} segments`,
    );
    return 0;
  },
};
