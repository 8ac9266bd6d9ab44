import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'drawback-pack-';

/** Whether a process of this id runs (on this machine): signal 0 tests for it and sends nothing. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A working folder for one pack's files, named by this process's id; first the folders of processes that no longer
 * run are removed. A worker killed while it wrote a pack (the job is retried elsewhere) left its folder, of a
 * hundred megabytes for a large claim, which nothing else would ever remove.
 */
export async function packWorkFolder(): Promise<string> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const pid = /^drawback-pack-([0-9]+)-/.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid))) {
      await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}
