import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockEmbeddedDatabase } from './embedded-lock';

describe(lockEmbeddedDatabase.name, () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'drawback-lock-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const lockFile = () => join(folder, 'lock');

  it('takes the embedded database for this process and gives it back', async () => {
    const release = await lockEmbeddedDatabase(folder);
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('shares a lock this process already holds, and gives it back with the last release', async () => {
    const first = await lockEmbeddedDatabase(folder);
    const second = await lockEmbeddedDatabase(folder);
    first();
    expect(existsSync(lockFile())).toBe(true);
    second();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockFile(), String(gone));
    const waited: number[] = [];
    const release = await lockEmbeddedDatabase(folder, (holder) => waited.push(holder));
    expect({ waited, holder: readFileSync(lockFile(), 'utf8') }).toEqual({ waited: [], holder: String(process.pid) });
    release();
  });

  it('waits while another running command holds it, says so once, and takes it when that command ends', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1000)']);
    const ended = new Promise<number>((resolve) => other.on('exit', () => resolve(Date.now())));
    writeFileSync(lockFile(), String(other.pid));
    const waited: number[] = [];
    const release = await lockEmbeddedDatabase(folder, (holder) => waited.push(holder));
    const taken = Date.now();
    expect(waited).toEqual([other.pid]);
    expect(taken).toBeGreaterThanOrEqual(await ended);
    release();
  });
});
