import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EXAMPLES = join(__dirname, 'fixtures', 'examples');
export const example = (name: string) => join(EXAMPLES, name);
/**
 * The worked examples written every other way input-formats.md allows at once (test/metamorphic, `--write-fixtures`):
 * columns reordered and blank optional ones left out, every field quoted, a BOM, CRLF, no final newline, HTS and
 * entry-number spellings, money, quantities and rates with other zeros, rows reordered; each with its example's expected.json.
 */
export const EXAMPLES_WRITTEN_OTHERWISE = join(__dirname, 'fixtures', 'examples-written-otherwise');
/** Small data sets, each probing a rule of designation (matching-and-estimates.md §2, §4, §5), with hand-derived expected.json. */
export const DESIGNATION_CASES = join(__dirname, 'fixtures', 'designation');

/** A scratch copy of an example data set, to be spoiled by a test. */
export function copyOfExample(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'drawback-'));
  cpSync(example(name), folder, { recursive: true });
  return folder;
}

/** A scratch data set folder: each file's lines, written with LF line ends. */
export function dataSet(files: Record<string, string[]>): string {
  const folder = mkdtempSync(join(tmpdir(), 'drawback-set-'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(folder, name), `${lines.join('\n')}\n`);
  return folder;
}
