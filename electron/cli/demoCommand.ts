import { resolve } from 'node:path';
import { writeDemoFiles } from '../services/demoFiles';
import type { Command } from './commands';
import { parse } from './parse';
import { UsageError } from './usageError';

const usage = `Usage: npx axon-proofreader demo --out DIR [--seed N]

Writes the built-in demo volume as files: image.h5:raw, segmentation.h5:stack,
groundtruth.h5:stack, skeletons/*.swc and errors.json.`;

export const demoCommand: Command = {
  summary: 'write the demo volume (image, segmentation, ground truth, skeletons, errors.json)',
  usage,
  async run(args) {
    const { values } = parse(args, { out: { type: 'string' }, seed: { type: 'string' } });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values.out) throw new UsageError('--out DIR is required');
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
    const files = await writeDemoFiles(resolve(values.out), seed);
    console.log(`Wrote the demo volume to ${resolve(values.out)}:`);
    for (const f of files.list) console.log(`  ${f}`);
    return 0;
  },
};
