import { Client } from 'pg';
import { openDatabase } from '@drawback/persistence';
import { TEST_DATABASE_URL } from './test-database';

/** A fresh test database with every migration applied, once per test run. */
export default async function globalSetup(): Promise<void> {
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
  await dataSource.destroy();
}
