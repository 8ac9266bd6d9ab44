import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFileError, requireWritableFolder, UnwritablePathError } from './file-errors';

const fileError = (code: string, path: string, message = `${code}: something, open '${path}'`) =>
  Object.assign(new Error(message), { code, path, syscall: 'open' });

describe(describeFileError.name, () => {
  it('names the path in plain words, not the system call\'s', () => {
    expect(describeFileError(fileError('EISDIR', 'out'))).toBe('out is a folder, not a file');
    expect(describeFileError(fileError('EACCES', '/etc/estimate.json'))).toBe('/etc/estimate.json: permission denied');
    expect(describeFileError(fileError('ENOTDIR', 'a-file/estimate.json'))).toBe('a part of a-file/estimate.json is a file, not a folder');
  });

  it('keeps the message of an error it has no words for', () => {
    expect(describeFileError(fileError('EMFILE', 'x', 'EMFILE: too many open files'))).toBe('EMFILE: too many open files');
  });
});

describe(requireWritableFolder.name, () => {
  const root = mkdtempSync(join(tmpdir(), 'drawback-out-'));
  const file = join(root, 'a-file');
  writeFileSync(file, 'x');

  it('takes an existing folder, and a folder still to be made inside one', async () => {
    await expect(requireWritableFolder(root, '--out')).resolves.toBeUndefined();
    await expect(requireWritableFolder(join(root, 'new', 'deeper'), '--out')).resolves.toBeUndefined();
    // Tried, and nothing left behind.
    expect(existsSync(join(root, 'new'))).toBe(false);
  });

  it('refuses, before any work, a folder the file system will not make (/proc: Node\'s recursive mkdir would never return)', async () => {
    await expect(requireWritableFolder('/proc/drawback-out', '--out'))
      .rejects.toEqual(new UnwritablePathError('--out /proc/drawback-out cannot be made: /proc/drawback-out: no such file or folder'));
  });

  it('refuses, before any work, a path that is a file or lies under one', async () => {
    await expect(requireWritableFolder(file, '--out')).rejects.toEqual(new UnwritablePathError(`--out ${file} is a file, not a folder`));
    await expect(requireWritableFolder(join(file, 'out'), '--out'))
      .rejects.toEqual(new UnwritablePathError(`--out ${join(file, 'out')} cannot be made: ${file} is a file, not a folder`));
  });
});
