import { parseArgs } from 'node:util';
import type { IngestLoader } from '@drawback/application';
import { DEFAULT_DATABASE_URL } from './measure/bench-database';

export const USAGE = `usage: npm run bench:ingest -- --lines N [--database-url URL] [--loader auto|staged] [--keep] [--profile]

  --lines N            import lines to generate (entries.csv rows); the other files scale with it
  --database-url URL   database to drop, recreate and ingest into (default ${DEFAULT_DATABASE_URL});
                       its name must contain "bench"
  --loader auto|staged auto (the default) times the ingest as a user's first ingest takes it: the direct
                       load; staged times the staged ingest a data set takes when it has an error, rows
                       already stored or references to earlier ingests
  --keep               keep the generated data set folder and the bare COPY tables (schema bench_copy)
  --profile            also time every SQL statement of the ingest and the CSV parse/check alone (stderr)

Prints one JSON line on stdout; progress and timings go to stderr. Exit 1 if the ingest rejects the data.`;

export interface BenchOptions {
  lines: number;
  databaseUrl: string;
  loader: IngestLoader;
  keep: boolean;
  profile: boolean;
}

export class UsageError extends Error {}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string' },
      'database-url': { type: 'string' },
      loader: { type: 'string', default: 'auto' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
    },
  });
  // Underscores are allowed so large counts stay readable: --lines 1_000_000.
  const linesText = values.lines?.replace(/_/g, '');
  if (!linesText || !/^[1-9]\d*$/.test(linesText)) throw new UsageError('--lines must be a positive integer');
  const databaseUrl = values['database-url'] ?? DEFAULT_DATABASE_URL;
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError(`--database-url must be a postgres:// URL, not "${databaseUrl}"`);
  const loader = values.loader;
  if (loader !== 'auto' && loader !== 'staged') throw new UsageError(`--loader must be auto or staged, not "${loader}"`);
  return { lines: Number(linesText), databaseUrl, loader, keep: values.keep === true, profile: values.profile === true };
}
