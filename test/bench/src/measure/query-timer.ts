import { performance } from 'node:perf_hooks';
import { DataSource, QueryRunner } from 'typeorm';

const SLOW_CALL_SECONDS = 1;

export interface TimedStatement {
  sql: string;
  calls: number;
  seconds: number;
}

/**
 * For `--profile`: times every statement the ingest sends through the DataSource's query runners, so
 * the slow check or merge statement can be named without touching the libraries. It wraps
 * createQueryRunner on this one DataSource; COPY streams go around `query` and show in the phase times.
 * Calls of a second or more are reported as they end.
 */
export function timeQueries(dataSource: DataSource, onSlowCall: (statement: TimedStatement, seconds: number) => void): { statements(): TimedStatement[] } {
  const bySql = new Map<string, TimedStatement>();
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => {
    const runner = createQueryRunner(...args);
    const query = runner.query.bind(runner);
    runner.query = (async (sql: string, ...rest: unknown[]) => {
      const started = performance.now();
      try {
        return await (query as (sql: string, ...rest: unknown[]) => Promise<unknown>)(sql, ...rest);
      } finally {
        const entry = bySql.get(sql) ?? { sql, calls: 0, seconds: 0 };
        const seconds = (performance.now() - started) / 1000;
        entry.calls += 1;
        entry.seconds += seconds;
        bySql.set(sql, entry);
        // Live, so a run that crawls shows where; paged statements only now and then.
        if (seconds >= SLOW_CALL_SECONDS && (entry.calls <= 3 || entry.calls % 50 === 0)) onSlowCall(entry, seconds);
      }
    }) as QueryRunner['query'];
    return runner;
  };
  return { statements: () => [...bySql.values()].sort((a, b) => b.seconds - a.seconds) };
}
