import { statSync } from 'node:fs';
import { dirname } from 'node:path';

const kindOf = (path: string): 'folder' | 'other' | 'missing' => {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
};

/**
 * Why an absolute path cannot be a folder a process makes and writes files in, or null when it can: it is a
 * file, or it lies under one (mkdir would fail with EEXIST or ENOTDIR, naming no variable). A folder still to
 * be made is fine: its nearest existing ancestor is a folder.
 */
export function folderProblem(path: string): string | null {
  if (kindOf(path) === 'other') return 'must be a folder (it is a file)';
  for (let ancestor = dirname(path); ; ancestor = dirname(ancestor)) {
    const kind = kindOf(ancestor);
    if (kind === 'other') return `must be a folder (it lies under the file "${ancestor}")`;
    if (kind === 'folder' || ancestor === dirname(ancestor)) return null;
  }
}
