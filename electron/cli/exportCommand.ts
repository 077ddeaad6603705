import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatVec } from '../../shared/volume/types';
import { parseVolumeSpec } from '../../shared/formats/volumeSpec';
import { openProjectSession } from '../services/edits/editProject';
import { exportSegmentation } from '../services/edits/exportSegmentation';
import type { Command } from './commands';
import { parse } from './parse';
import { UsageError } from './usageError';

const usage = `Usage: npx axon-proofreader export PROJECT --format segmentation --out FILE.h5[:DATASET] [--force]

Writes the project's corrected segmentation (every applied edit) as one HDF5 dataset (default
'stack'), zyx, with a 'resolution' attribute in nm: uint64 when an id exceeds 2^32 - 1, else the
segmentation's own type when every id fits it. The volume is read block by block.

  --format segmentation   what to export (the only format so far)
  --out FILE.h5           where to write; an existing file is replaced only with --force`;

export const exportCommand: Command = {
  summary: "write a project's corrected segmentation to HDF5",
  usage,
  async run(args) {
    const { values, positionals } = parse(
      args,
      { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
      true,
    );
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const [project, ...extra] = positionals;
    if (!project || extra.length > 0) throw new UsageError('give exactly one PROJECT file');
    if (values.format !== 'segmentation') {
      throw new UsageError(`--format must be 'segmentation' (got '${values.format ?? ''}')`);
    }
    if (!values.out) throw new UsageError('--out FILE.h5 is required');
    const out = resolve(parseVolumeSpec(values.out).path);
    if (existsSync(out) && !values.force) {
      throw new UsageError(`${out} exists; pass --force to replace it`);
    }
    const session = await openProjectSession(project);
    try {
      const result = await exportSegmentation(session, values.out);
      console.log(
        `Wrote ${result.path}:${result.dataset}: ${formatVec(result.shape)} voxels (z,y,x), ${result.dtype}, ` +
          `${formatVec(result.resolution)} nm, ${result.segments} segments`,
      );
      return 0;
    } finally {
      session.close();
    }
  },
};
