import { DataSource } from 'typeorm';

/** Empties every data table between tests that share the test database. */
export async function resetData(dataSource: DataSource): Promise<void> {
  await dataSource.query(`TRUNCATE ingest_error, ingest_run, source_file, import_entry, entry_line, duty_bucket,
    duty_bucket_share, receipt, production_order, bucket_tag, claim, production_item, export_line, evidence_document RESTART IDENTITY CASCADE`);
}

/** The rows of the data tables, to show that something stored nothing or changed nothing. */
export async function dataSnapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables = ['import_entry', 'entry_line', 'duty_bucket', 'duty_bucket_share', 'receipt', 'production_order',
    'production_item', 'export_line', 'evidence_document', 'source_file'];
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    const order = table === 'duty_bucket_share' ? 'duty_bucket_id, entry_line_id' : 'id';
    snapshot[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`);
  }
  return snapshot;
}
