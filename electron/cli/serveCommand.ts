import { serve } from '../server/serve';
import type { Command } from './commands';
import { parse } from './parse';
import { UsageError } from './usageError';

const usage = `Usage: npx axon-proofreader serve [--image PATH[:DATASET] --segmentation PATH[:DATASET]]
                                  [--project FILE] [--port N] [--open]

Runs the app in browser mode on 127.0.0.1 with a per-run token; with no volumes, the demo.`;

export const serveCommand: Command = {
  summary: 'run the app in browser mode (what npm start does without Electron)',
  usage,
  async run(args) {
    const { values } = parse(args, {
      image: { type: 'string' },
      segmentation: { type: 'string' },
      project: { type: 'string' },
      port: { type: 'string' },
      open: { type: 'boolean' },
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
      throw new UsageError('--port must be an integer 0..65535');
    }
    if (Boolean(values.image) !== Boolean(values.segmentation)) {
      throw new UsageError('give both --image and --segmentation, or neither for the demo');
    }
    const { server, backend } = await serve({ ...values, port });
    const stop = () => {
      void server
        .close()
        .then(() => backend.close())
        .then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1;
  },
};
