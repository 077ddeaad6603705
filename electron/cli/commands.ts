import { demoCommand } from './demoCommand';
import { editCommand } from './editCommand';
import { exportCommand } from './exportCommand';
import { metricsCommand } from './metricsCommand';
import { newCommand } from './newCommand';
import { serveCommand } from './serveCommand';

export interface Command {
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the exit code, or -1 for a command that keeps running (a server). */
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {
  demo: demoCommand,
  edit: editCommand,
  export: exportCommand,
  metrics: metricsCommand,
  new: newCommand,
  serve: serveCommand,
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: npx axon-proofreader COMMAND [options]\n\nCommands:\n${lines.join('\n')}\n\nRun a command with --help for its options.`;
}
