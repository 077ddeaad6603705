/**
 * The benchmark convention: a script prints exactly one JSON object on stdout (its result) and
 * logs everything else to stderr, so that bench/run.ts can parse what it prints.
 */
export function printResult(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Progress for a person watching; never on stdout. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
