import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the app keeps the demo files and default projects (AXON_PROOFREADER_HOME overrides). */
export function dataDir(): string {
  const dir =
    process.env.AXON_PROOFREADER_HOME ??
    join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'axon-proofreader');
  mkdirSync(dir, { recursive: true });
  return dir;
}
