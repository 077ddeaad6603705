#!/usr/bin/env node
// Adds the lock entries that `npm install` leaves out on this registry mirror, which lacks the
// other platforms' builds of packages such as rollup. Without them `npm ci` refuses the lock as
// out of sync. The entries carry os/cpu/libc read off the package name, so npm skips them here
// and installs them on the platforms they are for. Run after any `npm install` that changes deps.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const cpus = { 'arm-eabi': 'arm', arm: 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32' };
const knownCpus = ['loong64', 'ppc64', 'riscv64', 's390x'];

function platformOf(name) {
  const [os, cpuPart, libcPart] = name.split('/').pop().split('-').slice(1);
  const cpu = cpus[cpuPart] ?? (knownCpus.includes(cpuPart) ? cpuPart : undefined);
  if (!cpu) return undefined;
  const entry = { os: [os], cpu: [cpu] };
  if (os === 'linux') entry.libc = [libcPart?.startsWith('musl') ? 'musl' : 'glibc'];
  return entry;
}

let added = 0;
for (const pkg of Object.values(lock.packages)) {
  for (const [name, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || !/^\d+\.\d+\.\d+$/.test(range)) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[key] = {
      version: range,
      ...platform,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
    };
    added++;
  }
}
const sorted = {};
for (const key of Object.keys(lock.packages).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
  sorted[key] = lock.packages[key];
}
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} platform entries added`);
