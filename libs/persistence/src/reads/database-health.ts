import { DataSource } from 'typeorm';

/** The database answers a query (for `/health`). */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}
