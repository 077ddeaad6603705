#!/usr/bin/env node
// The command-line entry: runs the TypeScript CLI through tsx, on the same services as the app.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
const code = await main(process.argv.slice(2));
if (code !== -1) process.exit(code);
