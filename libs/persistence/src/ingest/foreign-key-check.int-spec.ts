import { DataSource } from 'typeorm';
import { openDatabase } from '../data-source';
import { SqlSession } from '../sql-session';
import { resetData } from '../../../../test/reset-data';
import { TEST_DATABASE_URL } from '../../../../test/test-database';
import { assertForeignKeysResolve, lastIds, rangesSince, turnRowTriggersOff } from './foreign-key-check';

describe('an ingest writing with the row triggers off checks every foreign key set-wise before it commits', () => {
  let dataSource: DataSource;
  let session: SqlSession;

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
  });
  beforeEach(async () => {
    await resetData(dataSource);
    session = await SqlSession.open(dataSource);
    await session.begin();
  });
  afterEach(async () => {
    await session.rollback();
    await session.release();
  });
  afterAll(() => dataSource.destroy());

  const addSourceFile = async () => {
    const [run] = await session.query<{ id: string }>(`INSERT INTO ingest_run (source, status) VALUES ('test', 'running') RETURNING id`);
    const [file] = await session.query<{ id: string }>(
      `INSERT INTO source_file (ingest_run_id, name, sha256, row_count) VALUES ($1, 'lots.csv', repeat('0', 64), 1) RETURNING id`, [run.id]);
    return file.id;
  };

  it('names the column of a written row that refers to no row, which the database itself let pass', async () => {
    expect(await turnRowTriggersOff(session)).toBe(true);
    const sourceFileId = await addSourceFile();
    const before = await lastIds(session, ['receipt']);
    await session.query(
      `INSERT INTO receipt (entry_line_id, lot_id, heat_number, quantity, source_file_id, source_line) VALUES (987654321, 'L1', NULL, 1, $1, 2)`,
      [sourceFileId]);

    const written = await rangesSince(session, before);
    expect([...written.keys()]).toEqual(['receipt']);
    await expect(assertForeignKeysResolve(session, written, 'staged merge'))
      .rejects.toThrow('staged merge: 1 rows of receipt.entry_line_id refer to no row (a defect of the staged merge)');
  });

  it('passes rows whose keys all resolve, and looks only at the rows written since the ids were taken', async () => {
    const before = await lastIds(session, ['receipt', 'export_line']);
    expect(await turnRowTriggersOff(session)).toBe(true);
    const sourceFileId = await addSourceFile();
    await session.query(
      `INSERT INTO export_line (export_id, line_number, export_date, action, exporter, destination_country, hts, description, quantity, uom, value, source_file_id, source_line)
       VALUES ('X1', 1, '2026-05-01', 'exported', 'Us', 'DE', '7308909590', 'beams', 1, 'KG', '10.00', $1, 2)`, [sourceFileId]);

    const written = await rangesSince(session, before);
    expect([...written.keys()]).toEqual(['export_line']);
    await expect(assertForeignKeysResolve(session, written, 'staged merge')).resolves.toBeUndefined();
  });
});
