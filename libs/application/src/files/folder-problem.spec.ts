import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderProblem } from './folder-problem';

describe(folderProblem.name, () => {
  const root = mkdtempSync(join(tmpdir(), 'folder-problem-'));
  const file = join(root, 'a-file');
  writeFileSync(file, 'x');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('takes a folder that exists, or one still to be made under folders', () => {
    expect(folderProblem(root)).toBeNull();
    expect(folderProblem(join(root, 'to', 'be', 'made'))).toBeNull();
  });

  it('refuses a file, and a path under a file, naming the file', () => {
    expect(folderProblem(file)).toBe('must be a folder (it is a file)');
    expect(folderProblem(join(file, 'x'))).toBe(`must be a folder (it lies under the file "${file}")`);
    expect(folderProblem(join(file, 'x', 'y'))).toBe(`must be a folder (it lies under the file "${file}")`);
  });
});
