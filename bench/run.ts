/**
 * `npm run bench`: runs every benchmark (bench/*.ts except this file), each in its own Node
 * process, one after another, and prints one JSON object: {machine, results: {name: the script's
 * JSON object, or {error}}}. A script's progress goes to stderr. Exits 1 when a script failed;
 * a missed target is a figure, not a failure (the missed ones are listed on stderr).
 *
 *   npm run bench [-- --only launch,mesh] [-- --list]
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { log, printResult } from './lib/output';
import type { TargetCheck } from './lib/target';

const BENCH_DIR = import.meta.dirname;
const ROOT = join(BENCH_DIR, '..');
/** Far above any script's normal run, so that only a hung one is stopped. */
const TIMEOUT_MS = 30 * 60_000;

type Outcome = Record<string, unknown> | { error: string };

function discover(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

function parseResult(name: string, stdout: string): Outcome {
  try {
    const value: unknown = JSON.parse(stdout);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Reported below with what it printed.
  }
  const shown = stdout.length > 300 ? `${stdout.slice(0, 300)}...` : stdout;
  return { error: `bench/${name}.ts did not print one JSON object on stdout: ${JSON.stringify(shown)}` };
}

/** The line of a stderr tail that says what went wrong (`Error: ...`), else its last line. */
function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return [...lines].reverse().find((l) => /^\w*Error\b/.test(l)) ?? lines.at(-1) ?? '(no stderr)';
}

function runScript(name: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, `${name}.ts`)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderrTail = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // Shown as it comes; its last error line also goes into the result.
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      stderrTail = (stderrTail + d.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ error: `bench/${name}.ts could not start: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(parseResult(name, stdout.trim()));
      else if (signal)
        resolve({ error: `bench/${name}.ts was stopped by ${signal} (limit ${TIMEOUT_MS / 60_000} min)` });
      else resolve({ error: `bench/${name}.ts exited with code ${code}: ${lastErrorLine(stderrTail)}` });
    });
  });
}

function missedTargets(results: Record<string, Outcome>): string[] {
  const missed: string[] = [];
  for (const [name, outcome] of Object.entries(results)) {
    const targets = (outcome as { targets?: Record<string, TargetCheck> }).targets ?? {};
    for (const [figure, check] of Object.entries(targets)) {
      if (!check.pass)
        missed.push(`${name}.${figure}: ${check.value} ${check.unit} (target < ${check.under})`);
    }
  }
  return missed;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, list: { type: 'boolean' } } });
  const all = discover();
  if (values.list) {
    log(all.join('\n'));
    return 0;
  }
  const names =
    values.only === undefined ? all : values.only.split(',').map((n) => n.trim().replace(/\.ts$/, ''));
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length > 0 || names.length === 0) {
    log(
      `bench: --only names no benchmark called ${unknown.join(', ') || '(nothing)'}; there are: ${all.join(', ')}`,
    );
    return 2;
  }
  const results: Record<string, Outcome> = {};
  for (const [i, name] of names.entries()) {
    log(`bench: ${name} (${i + 1}/${names.length})`);
    const t0 = performance.now();
    results[name] = await runScript(name);
    log(`bench: ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  printResult({
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    results,
  });
  const failed = names.filter((n) => 'error' in results[n]!);
  const missed = missedTargets(results);
  if (missed.length > 0) log(`bench: missed targets:\n  ${missed.join('\n  ')}`);
  if (failed.length > 0) log(`bench: failed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
