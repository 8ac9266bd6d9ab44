import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EXAMPLES = join(__dirname, 'fixtures', 'examples');
export const example = (name: string) => join(EXAMPLES, name);

/** A scratch copy of an example data set, to be spoiled by a test. */
export function copyOfExample(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'drawback-'));
  cpSync(example(name), folder, { recursive: true });
  return folder;
}
