import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordPackFiles, STALE_TEMPORARY_MS } from './pack-files';
import { packWorkFolder } from './work-folder';

/** A process id no process has: above the kernel's pid limit (4,194,304 at most on Linux). */
const NO_SUCH_PID = 99_999_999;

describe('what a worker killed while it wrote a record pack leaves behind', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drawback-pack-files-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is removed: a temporary pack of the claim not written to for STALE_TEMPORARY_MS, when its pack is written again; one being written stays', async () => {
    const claimId = randomUUID();
    const stale = join(folder, `.${claimId}.${randomUUID()}.tmp`);
    const fresh = join(folder, `.${claimId}.${randomUUID()}.tmp`);
    const otherClaims = join(folder, `.${randomUUID()}.${randomUUID()}.tmp`);
    for (const path of [stale, fresh, otherClaims]) writeFileSync(path, 'part of a zip');
    const longAgo = (Date.now() - STALE_TEMPORARY_MS - 60_000) / 1000;
    utimesSync(stale, longAgo, longAgo);
    utimesSync(otherClaims, longAgo, longAgo);

    await new RecordPackFiles(folder).write(claimId, async (temporary) => writeFileSync(temporary, 'the pack'));

    expect(readdirSync(folder).sort()).toEqual([`${claimId}.zip`, fresh.slice(folder.length + 1), otherClaims.slice(folder.length + 1)].sort());
  });

  it('is removed: the working folder of a process that no longer runs, when a pack is made; this process\'s stays', async () => {
    const orphan = join(tmpdir(), `drawback-pack-${NO_SUCH_PID}-test`);
    mkdirSync(orphan, { recursive: true });
    writeFileSync(join(orphan, 'designations.csv'), 'rows');

    const mine = await packWorkFolder();
    try {
      expect(existsSync(orphan)).toBe(false);
      expect(mine).toContain(`drawback-pack-${process.pid}-`);
      expect(existsSync(mine)).toBe(true);
    } finally {
      rmSync(mine, { recursive: true, force: true });
    }
  });
});
