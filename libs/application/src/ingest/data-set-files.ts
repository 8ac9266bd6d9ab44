import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DataError, FileSpec, fileSpecByName, FILE_SPECS } from '@drawback/domain';

export interface DataSetFile {
  spec: FileSpec;
  path: string;
  size: number;
}

/**
 * The files of a data set, from folders and file paths: kinds go by file name; other files are ignored,
 * except that an unknown `*.csv` is an error — a misnamed file must not be skipped (input-formats.md).
 */
export async function resolveDataSetFiles(paths: readonly string[]): Promise<{ files: DataSetFile[]; errors: DataError[] }> {
  const errors: DataError[] = [];
  const candidates: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) errors.push({ file: path, line: 0, column: '-', message: 'no such file or folder' });
    else if (info.isDirectory()) candidates.push(...(await readdir(path)).sort().map((name) => join(path, name)));
    else candidates.push(path);
  }
  const files: DataSetFile[] = [];
  for (const path of candidates) {
    const name = basename(path);
    const spec = fileSpecByName(name);
    if (!spec) {
      if (name.toLowerCase().endsWith('.csv')) {
        errors.push({ file: name, line: 0, column: '-', message: `unknown data file; expected ${FILE_SPECS.map((s) => s.fileName).join(', ')}` });
      }
      continue;
    }
    const info = await stat(path);
    if (!info.isFile()) continue;
    if (files.some((file) => file.spec === spec)) {
      errors.push({ file: name, line: 0, column: '-', message: 'the data set holds this file more than once' });
      continue;
    }
    files.push({ spec, path, size: info.size });
  }
  if (files.length === 0 && errors.length === 0) {
    errors.push({ file: paths.join(' '), line: 0, column: '-', message: `no data files (${FILE_SPECS.map((s) => s.fileName).join(', ')})` });
  }
  const has = (fileName: string) => files.some((file) => file.spec.fileName === fileName);
  if (has('entries.csv') && !has('duties.csv')) {
    errors.push({ file: 'duties.csv', line: 0, column: '-', message: 'required with entries.csv: an import data set brings both' });
  }
  files.sort((a, b) => FILE_SPECS.indexOf(a.spec) - FILE_SPECS.indexOf(b.spec));
  return { files, errors };
}
