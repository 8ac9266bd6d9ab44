import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { FileSpec, FILE_SPECS, SqlType } from '@drawback/domain';

/** A scratch schema of bare tables: no keys, constraints or indexes, nothing but the typed columns. */
const SCHEMA = 'bench_copy';
const SQL_TYPES: Record<SqlType, string> = { text: 'text', integer: 'integer', numeric: 'numeric', date: 'date', boolean: 'boolean' };

const bareTable = (spec: FileSpec) => `${SCHEMA}.${spec.kind}`;
const columnList = (spec: FileSpec) => spec.columns.map((c) => c.name).join(', ');

async function createBareTables(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA};`);
    for (const spec of FILE_SPECS) {
      await client.query(`CREATE TABLE ${bareTable(spec)} (${spec.columns.map((c) => `${c.name} ${SQL_TYPES[c.type]}`).join(', ')})`);
    }
  } finally {
    await client.end();
  }
}

export async function dropBareTables(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).finally(() => client.end());
}

function psql(databaseUrl: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl, '-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited with ${code}: ${stderr.trim()}`))));
  });
}

/**
 * The physical limit an ingest is measured against: the same files loaded by `psql \copy`, one file
 * after the other, into bare tables — parsing and writing rows, and nothing else. Returns seconds.
 */
export async function timePsqlCopy(databaseUrl: string, folder: string, onFile: (file: string, seconds: number) => void): Promise<number> {
  await createBareTables(databaseUrl);
  let total = 0;
  for (const spec of FILE_SPECS) {
    const path = join(folder, spec.fileName).replace(/'/g, "''");
    const started = performance.now();
    await psql(databaseUrl, `\\copy ${bareTable(spec)} (${columnList(spec)}) FROM '${path}' WITH (FORMAT csv, HEADER true)`);
    const seconds = (performance.now() - started) / 1000;
    onFile(spec.fileName, seconds);
    total += seconds;
  }
  return total;
}
