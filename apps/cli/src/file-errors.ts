import { constants } from 'node:fs';
import { access, mkdir, rmdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** A path the command was given that it cannot write: exit 3, said in the user's words. */
export class UnwritablePathError extends Error {}

const PLAIN_WORDS: Record<string, (path: string) => string> = {
  EISDIR: (path) => `${path} is a folder, not a file`,
  ENOTDIR: (path) => `a part of ${path} is a file, not a folder`,
  EACCES: (path) => `${path}: permission denied`,
  EPERM: (path) => `${path}: operation not permitted`,
  ENOENT: (path) => `${path}: no such file or folder`,
  ENOSPC: (path) => `no space left on the device for ${path}`,
  EROFS: (path) => `${path} is on a read-only file system`,
};

/**
 * A file system error in the user's words, naming the path ("out is a folder, not a file"), not the system
 * call's ("EISDIR: illegal operation on a directory, open 'out'"); an error it has no words for as it is.
 */
export function describeFileError(error: NodeJS.ErrnoException): string {
  const words = error.code ? PLAIN_WORDS[error.code] : undefined;
  return words && error.path ? words(error.path) : error.message;
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Checks, before any work, that a folder can be written into or made: an existing folder that may be
 * written, or a path whose nearest existing ancestor is such a folder. So that `run --out` naming a file
 * fails at once rather than after the ingest, the claim and the estimate.
 */
export async function requireWritableFolder(path: string, option: string): Promise<void> {
  let existing = resolve(path);
  for (;;) {
    try {
      const found = await stat(existing);
      if (!found.isDirectory()) {
        throw new UnwritablePathError(existing === resolve(path)
          ? `${option} ${path} is a file, not a folder`
          : `${option} ${path} cannot be made: ${existing} is a file, not a folder`);
      }
      break;
    } catch (error) {
      // Not there (ENOENT), or under a file (ENOTDIR): look at the folder it would be made in.
      if (!['ENOENT', 'ENOTDIR'].includes(codeOf(error) ?? '') || dirname(existing) === existing) throw error;
      existing = dirname(existing);
    }
  }
  try {
    await access(existing, constants.W_OK);
  } catch {
    throw new UnwritablePathError(`${option} ${path} cannot be written: ${existing}: permission denied`);
  }
  await requireMakeable(existing, resolve(path), option, path);
}

/**
 * The folders from `existing` down to `target` made one at a time, then removed again: a file system that refuses
 * them (/proc, where Node's recursive mkdir never returns) is named now, and nothing is left behind.
 */
async function requireMakeable(existing: string, target: string, option: string, path: string): Promise<void> {
  const missing: string[] = [];
  for (let folder = target; folder !== existing; folder = dirname(folder)) missing.unshift(folder);
  const made: string[] = [];
  try {
    for (const folder of missing) {
      await mkdir(folder);
      made.push(folder);
    }
  } catch (error) {
    throw new UnwritablePathError(`${option} ${path} cannot be made: ${describeFileError(error as NodeJS.ErrnoException)}`);
  } finally {
    for (const folder of made.reverse()) await rmdir(folder).catch(() => undefined);
  }
}
