import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { types as pgTypes } from 'pg';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { MIGRATIONS } from '@drawback/migrations';
import { lockEmbeddedDatabase } from './embedded-lock';
import { RECORDS } from './records';

export interface DatabaseConfig {
  /** A PostgreSQL server; when absent the embedded PostgreSQL (PGlite) under `embeddedDir` is used. */
  databaseUrl?: string;
  /** Folder of the embedded database, `.drawback/` of the current folder by default. */
  embeddedDir?: string;
  /** Connections in the pool (server only). */
  poolSize?: number;
  /** A schema of the server to work in, instead of public (server only). */
  schema?: string;
  /** Told once when another command is using the embedded database and this one waits for it (its process id). */
  onWaitingForEmbedded?: (holder: number) => void;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Dates are calendar dates (no time zone may move them) and ids and money stay exact: all as text.
const asText = (value: string) => value;
pgTypes.setTypeParser(DATE_OID, asText);
pgTypes.setTypeParser(INT8_OID, asText);
pgTypes.setTypeParser(NUMERIC_OID, asText);

/**
 * Each server connection asks PostgreSQL (14 and later, on platforms that can) to look every 5 s, while a statement
 * runs, whether this process is still there: a worker or command killed mid-statement would otherwise leave its
 * backend running the statement for minutes, holding its locks (an ingest's or the designation lock), so the job's
 * retry would wait for them. Where the server cannot, the connection is used as it is.
 */
async function cancelWhenClientGone(client: { query: (sql: string) => Promise<unknown> }): Promise<void> {
  await client.query(`SELECT set_config('client_connection_check_interval', '5000', false)
                       WHERE current_setting('server_version_num')::int >= 140000`).catch(() => undefined);
}

export function embeddedDataDir(config: DatabaseConfig): string {
  return join(config.embeddedDir ?? join(process.cwd(), '.drawback'), 'pgdata');
}

/** The DataSource for PostgreSQL or, without a URL, the embedded PostgreSQL, with the same migrations. */
export function createDataSource(config: DatabaseConfig): DataSource {
  const common = {
    type: 'postgres' as const,
    entities: RECORDS,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    logging: false as const,
  };
  if (config.databaseUrl) {
    const searchPath = config.schema ? { options: `-c search_path=${config.schema}` } : {};
    const extra = { max: config.poolSize ?? 10, onConnect: cancelWhenClientGone, ...searchPath };
    return new DataSource({ ...common, url: config.databaseUrl, schema: config.schema, extra });
  }
  const driver = new PGliteDriver({
    dataDir: embeddedDataDir(config),
    parsers: { [DATE_OID]: asText, [INT8_OID]: asText, [NUMERIC_OID]: asText },
  }).driver;
  return new DataSource({ ...common, driver, installExtensions: false } as ConstructorParameters<typeof DataSource>[0]);
}

export function isEmbedded(dataSource: DataSource): boolean {
  return !(dataSource.options as { url?: string }).url;
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<DataSource> {
  if (config.databaseUrl) return initialized(createDataSource(config));
  mkdirSync(embeddedDataDir(config), { recursive: true });
  const release = await lockEmbeddedDatabase(dirname(embeddedDataDir(config)), config.onWaitingForEmbedded);
  try {
    const dataSource = await initialized(createDataSource(config));
    const destroy = dataSource.destroy.bind(dataSource);
    // The embedded database is this command's until it is closed (lockEmbeddedDatabase).
    dataSource.destroy = async () => {
      try {
        await destroy();
      } finally {
        release();
      }
    };
    return dataSource;
  } catch (error) {
    release();
    throw error;
  }
}

/** The migrations each opened database ran when it was opened (`drawback migrate` says how many). */
const migrationsRun = new WeakMap<DataSource, string[]>();

/** The names of the migrations opening this database applied: none when its schema was already up to date. */
export function migrationsAppliedOnOpen(dataSource: DataSource): readonly string[] {
  return migrationsRun.get(dataSource) ?? [];
}

async function initialized(dataSource: DataSource): Promise<DataSource> {
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  migrationsRun.set(dataSource, applied.map((migration) => migration.name));
  return dataSource;
}

/**
 * A fresh, empty database for one shot (`drawback run`): a new schema on the server, dropped afterwards,
 * or a new embedded PostgreSQL in a temporary folder, removed afterwards.
 */
export async function openFreshDatabase(config: DatabaseConfig): Promise<{ dataSource: DataSource; dispose: () => Promise<void> }> {
  if (config.databaseUrl) {
    const schema = `drawback_run_${randomBytes(6).toString('hex')}`;
    const bootstrap = await createDataSource({ databaseUrl: config.databaseUrl, poolSize: 1 }).initialize();
    await bootstrap.query(`CREATE SCHEMA ${schema}`);
    const dataSource = await openDatabase({ ...config, schema, poolSize: 2 });
    return {
      dataSource,
      dispose: async () => {
        await dataSource.destroy();
        await bootstrap.query(`DROP SCHEMA ${schema} CASCADE`);
        await bootstrap.destroy();
      },
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'drawback-run-'));
  const dataSource = await openDatabase({ embeddedDir: folder });
  return {
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
