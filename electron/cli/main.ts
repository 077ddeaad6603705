import { commands, usage } from './commands';
import { UsageError } from './usageError';

/** `npx axon-proofreader COMMAND ...`: every command runs on the same services as the app. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`axon-proofreader: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`axon-proofreader ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(`axon-proofreader ${name}: ${(error as Error).message}`);
    return 1;
  }
}

const isEntry =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      // Servers keep running; everything else ends here.
      if (code !== -1) process.exit(code);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
