import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** How often a command waiting for the embedded database looks again. */
const RETRY_MS = 200;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function holderOf(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Held locks of this process, by lock file: a second open in the same process shares the first's. */
const held = new Map<string, number>();

/**
 * The embedded PostgreSQL (PGlite) is one process's at a time: two commands opening the same `.drawback/`
 * at once each run their own copy of the database and the last to close overwrites the other's writes
 * (a second ingest's rows were lost, the first failed on a duplicate key). So a command takes this lock
 * file, with its process id, before it opens the database, and waits while another live command holds
 * it; a lock left by a process that no longer runs is taken over. Released when the database is closed,
 * or at exit.
 */
export async function lockEmbeddedDatabase(folder: string, onWaiting: (holder: number) => void = () => undefined): Promise<() => void> {
  const lockFile = join(folder, 'lock');
  let told = false;
  for (;;) {
    if (held.has(lockFile)) {
      held.set(lockFile, held.get(lockFile)! + 1);
      return releaser(lockFile);
    }
    try {
      const descriptor = openSync(lockFile, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      held.set(lockFile, 1);
      return releaser(lockFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(lockFile);
    if (holder === null || !isAlive(holder)) {
      // Left by a command that ended without releasing it (killed): nobody uses the database.
      try {
        unlinkSync(lockFile);
      } catch {
        // Another waiting command took it over first.
      }
      continue;
    }
    if (!told) onWaiting(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

function releaser(lockFile: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const count = (held.get(lockFile) ?? 1) - 1;
    if (count > 0) {
      held.set(lockFile, count);
      return;
    }
    held.delete(lockFile);
    try {
      if (holderOf(lockFile) === process.pid) unlinkSync(lockFile);
    } catch {
      // Already gone.
    }
  };
}

// A command that exits without closing its database (an error) leaves nothing behind.
process.on('exit', () => {
  for (const lockFile of held.keys()) {
    try {
      if (holderOf(lockFile) === process.pid) unlinkSync(lockFile);
    } catch {
      // Already gone.
    }
  }
});
