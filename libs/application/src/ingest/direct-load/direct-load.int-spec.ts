import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { copyOfExample, dataSet, example } from '../../../../../test/fixture-paths';
import { resetData } from '../../../../../test/reset-data';
import { TEST_DATABASE_URL } from '../../../../../test/test-database';
import { ingestTestContext } from '../../../../../test/ingest-test-context';
import { IngestReport, IngestService } from '../ingest.service';

const GREAT_LAKES = join(__dirname, '../../../../../examples/great-lakes-fabrication');
const DATA_SETS = [
  example('ex1-j1-section301-mpf'), example('ex2-j2-lesser-of'), example('ex3-a-heat-trace-11021'), GREAT_LAKES,
];

/** Surrogate keys differ between the two paths; what they point at is compared instead. */
const SURROGATES = `ARRAY['id', 'entry_id', 'entry_line_id', 'source_file_id', 'production_order_id', 'duty_bucket_id', 'ingest_run_id']`;
const NATURAL_ROWS: Record<string, string> = {
  import_entry: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('file', sf.name)
                   FROM import_entry t JOIN source_file sf ON sf.id = t.source_file_id`,
  entry_line: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('entry', ie.entry_number, 'file', sf.name)
                 FROM entry_line t JOIN import_entry ie ON ie.id = t.entry_id JOIN source_file sf ON sf.id = t.source_file_id`,
  duty_bucket: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('entry', ie.entry_number, 'line', el.line_number, 'file', sf.name)
                  FROM duty_bucket t JOIN import_entry ie ON ie.id = t.entry_id LEFT JOIN entry_line el ON el.id = t.entry_line_id
                  JOIN source_file sf ON sf.id = t.source_file_id`,
  duty_bucket_share: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('entry', ie.entry_number, 'program', b.program, 'line', el.line_number)
                        FROM duty_bucket_share t JOIN duty_bucket b ON b.id = t.duty_bucket_id JOIN import_entry ie ON ie.id = b.entry_id
                        JOIN entry_line el ON el.id = t.entry_line_id`,
  receipt: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('entry', ie.entry_number, 'line', el.line_number, 'file', sf.name)
              FROM receipt t JOIN entry_line el ON el.id = t.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
              JOIN source_file sf ON sf.id = t.source_file_id`,
  production_order: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('file', sf.name)
                       FROM production_order t JOIN source_file sf ON sf.id = t.source_file_id`,
  production_item: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('order', po.order_id, 'file', sf.name)
                      FROM production_item t JOIN production_order po ON po.id = t.production_order_id JOIN source_file sf ON sf.id = t.source_file_id`,
  export_line: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('file', sf.name) FROM export_line t JOIN source_file sf ON sf.id = t.source_file_id`,
  evidence_document: `SELECT to_jsonb(t) - ${SURROGATES} || jsonb_build_object('file', sf.name)
                        FROM evidence_document t JOIN source_file sf ON sf.id = t.source_file_id`,
  source_file: `SELECT to_jsonb(t) - ${SURROGATES} FROM source_file t`,
  ingest_run: `SELECT to_jsonb(t) - ${SURROGATES} - ARRAY['started_at', 'finished_at', 'loaded_by'] FROM ingest_run t`,
};

/** Every stored row of the ingest's tables, surrogate keys replaced by what they refer to, in a stable order. */
async function naturalSnapshot(dataSource: DataSource): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const [table, sql] of Object.entries(NATURAL_ROWS)) {
    const rows = await dataSource.query<{ row: string }[]>(`SELECT r::text AS row FROM (${sql}) AS x (r) ORDER BY 1`);
    snapshot[table] = rows.map((r) => r.row);
  }
  return snapshot;
}

const withoutRun = ({ runId: _runId, loadedBy: _loadedBy, ...rest }: IngestReport) => rest;

describe('the direct load (bulk path of an ingest)', () => {
  const context = ingestTestContext();

  it.each(DATA_SETS)('stores exactly the rows, fee shares, report and findings the staged ingest stores: %s', async (folder) => {
    const staged = await context.service.ingest([folder], { loader: 'staged', source: 'same' });
    const stagedRows = await naturalSnapshot(context.dataSource);
    await resetData(context.dataSource);

    const direct = await context.service.ingest([folder], { source: 'same' });

    expect(staged.loadedBy).toBe('staged');
    expect(direct.loadedBy).toBe('direct');
    expect(withoutRun(direct)).toEqual(withoutRun(staged));
    expect(await naturalSnapshot(context.dataSource)).toEqual(stagedRows);
  });

  /**
   * Section 232 buckets that draw basis findings (rules §3.3), each line's buckets in duties.csv in `order`
   * (line numbers; a line named twice has its second bucket there). Line 1: the amount is not 50% of the
   * basis; lines 2 and 3: a content-value basis, with and without a worksheet (line 3's aluminum bucket
   * comes before its steel one, against heading order); line 4: no melt-and-pour country; lines 5 and 6: a
   * basis called full value below the entered value (a content basis), with and without a worksheet.
   */
  const basisFindingsDataSet = (order: number[]) => {
    const buckets: Record<number, string[]> = {
      1: ['9903.81.91,steel,,50,full_value,1000.00,400.00'],
      2: ['9903.81.91,steel,,50,content_value,600.00,300.00'],
      3: ['9903.85.08,aluminum,,10,content_value,100.00,10.00', '9903.81.91,steel,,50,content_value,600.00,300.00'],
      4: ['9903.81.91,steel,,50,full_value,1000.00,500.00', '9903.85.08,aluminum,,10,content_value,100.00,10.00'],
      5: ['9903.81.91,steel,,50,full_value,400.00,200.00'],
      6: ['9903.81.91,steel,,50,full_value,400.00,200.00'],
    };
    return dataSet({
      'entries.csv': ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom,melt_pour_country',
        ...[1, 2, 3, 4, 5, 6].map((line) => `EX3-0000001-5,01,12-3456789AB,2026-03-10,2026-03-10,3901,${line},7326908688,steel bracket,DE,1000.00,10,KG,${line === 4 ? '' : 'DE'}`)],
      'duties.csv': ['entry_number,line_number,program,heading,metal,s232_annex,rate,basis,basis_value,amount',
        ...order.map((line) => `EX3-0000001-5,${line},s232,${buckets[line].shift()}`)],
      'evidence.csv': ['document_id,kind,subject,subject_id,reference,sha256', 'WS-2,content_value_worksheet,entry_line,EX3-0000001-5/2,ws/2.pdf,',
        'WS-5,content_value_worksheet,entry_line,EX3-0000001-5/5,ws/5.pdf,'],
    });
  };

  it.each([
    ['each line\'s Section 232 buckets together in duties.csv (checked as the file is read)', [3, 3, 1, 2, 5, 4, 4, 6]],
    ['a line\'s Section 232 buckets apart in duties.csv (checked from the stored rows)', [4, 1, 3, 2, 6, 4, 3, 5]],
  ])('makes the basis findings the staged ingest makes: %s', async (_case, order) => {
    const staged = await context.service.ingest([basisFindingsDataSet(order)], { checkOnly: true, loader: 'staged' });
    const direct = await context.service.ingest([basisFindingsDataSet(order)], { checkOnly: true });
    expect(direct.loadedBy).toBe('direct');
    expect(direct.findings.map((f) => `${f.lineNumber} ${f.code}`)).toEqual([
      '1 S232_AMOUNT_MISMATCH', '3 S232_CONTENT_VALUE_UNSUPPORTED', '3 S232_CONTENT_VALUE_UNSUPPORTED', '3 SMELT_CAST_MISSING',
      '4 S232_CONTENT_VALUE_UNSUPPORTED', '4 MELT_POUR_MISSING', '4 SMELT_CAST_MISSING', '6 S232_CONTENT_VALUE_UNSUPPORTED',
    ]);
    expect(withoutRun(direct)).toEqual(withoutRun(staged));
  });

  it('loads a second new data set beside a first as the staged ingest would: its checks and findings see only its own rows', async () => {
    const first = example('ex3-a-heat-trace-11021');
    const second = GREAT_LAKES;
    const staged = [await context.service.ingest([first], { loader: 'staged', source: 'same' }),
      await context.service.ingest([second], { loader: 'staged', source: 'same' })];
    const stagedRows = await naturalSnapshot(context.dataSource);
    await resetData(context.dataSource);

    const direct = [await context.service.ingest([first], { source: 'same' }), await context.service.ingest([second], { source: 'same' })];

    expect(direct.map((report) => report.loadedBy)).toEqual(['direct', 'direct']);
    expect(direct.map(withoutRun)).toEqual(staged.map(withoutRun));
    expect(await naturalSnapshot(context.dataSource)).toEqual(stagedRows);
  });

  it('reports progress that never goes back when the direct load gives way to the staged ingest: the second reading adds to the work', async () => {
    expect((await context.service.ingest([GREAT_LAKES])).loadedBy).toBe('direct');
    const seen: Array<{ bytesRead: number; bytesTotal: number }> = [];
    const again = await context.service.ingest([GREAT_LAKES], { onProgress: ({ bytesRead, bytesTotal }) => seen.push({ bytesRead, bytesTotal }) });
    expect(again.loadedBy).toBe('staged');
    const backwards = seen.filter((p, i) => i > 0 && (p.bytesRead < seen[i - 1].bytesRead || p.bytesTotal < seen[i - 1].bytesTotal));
    expect(backwards).toEqual([]);
    const last = seen[seen.length - 1];
    expect(last.bytesRead).toBe(last.bytesTotal);
    expect(last.bytesTotal).toBeGreaterThan(seen[0].bytesTotal);
  });

  it('checks a wholly new data set without storing it, with the counts of a staged check', async () => {
    const phases = { staged: new Set<string>(), direct: new Set<string>() };
    const staged = await context.service.ingest([GREAT_LAKES], { checkOnly: true, loader: 'staged', onProgress: (p) => phases.staged.add(p.phase) });
    const direct = await context.service.ingest([GREAT_LAKES], { checkOnly: true, onProgress: (p) => phases.direct.add(p.phase) });
    expect(direct.loadedBy).toBe('direct');
    // `drawback check` shows these phases on a terminal: a check never says it is storing.
    expect({ staged: [...phases.staged], direct: [...phases.direct] }).toEqual({ staged: ['reading', 'checking'], direct: ['reading', 'checking'] });
    expect(withoutRun(direct)).toEqual(withoutRun(staged));
    expect(await context.dataSource.query(`SELECT count(*)::int AS n FROM import_entry`)).toEqual([{ n: 0 }]);
  });

  it('gives way to the staged ingest for a data set already stored, which then stores nothing new', async () => {
    expect((await context.service.ingest([example('ex3-a-heat-trace-11021')])).loadedBy).toBe('direct');
    const again = await context.service.ingest([example('ex3-a-heat-trace-11021')]);
    expect(again.loadedBy).toBe('staged');
    expect(again.accepted).toBe(true);
    expect(again.counts.duties).toEqual({ rows: 2, new: 0, unchanged: 2 });
  });

  it('gives way to the staged ingest for rows that refer to an earlier ingest, whose ids follow the ones it reserved', async () => {
    await context.service.ingest([example('ex1-j1-section301-mpf')]);
    const later = dataSet({ 'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX1-0000001-7,1,ordinary,,12.00'] });
    const report = await context.service.ingest([later]);
    expect(report).toMatchObject({ accepted: true, loadedBy: 'staged' });
    expect(report.counts.duties).toEqual({ rows: 1, new: 1, unchanged: 0 });
  });

  it('gives way to the staged ingest, which names the error, when a rule across rows is broken', async () => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    writeFileSync(join(folder, 'lots.csv'), 'entry_number,line_number,lot_id,heat_number,quantity\nEX1-0000001-7,1,L-100,,600\nEX1-0000001-7,1,L-101,,600\n');
    const report = await context.service.ingest([folder]);
    expect(report).toMatchObject({ accepted: false, loadedBy: 'staged' });
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['lots.csv:2: quantity', 'lots.csv:3: quantity']);
    expect(await context.dataSource.query(`SELECT count(*)::int AS n FROM import_entry`)).toEqual([{ n: 0 }]);
  });

  it('gives way to the staged ingest when the database refuses a COPY chunks before the file ends (a duplicate duty on line 3)', async () => {
    const lines = Array.from({ length: 9_999 }, (_, i) => i + 1);
    const folder = dataSet({
      'entries.csv': ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom',
        ...lines.map((line) => `EX1-0000001-7,01,12-3456789AB,2026-05-10,2026-05-10,3901,${line},7208510030,steel plate,DE,100.00,10,KG`)],
      // About 2 MB of COPY text: the server refuses line 3 while the loader is still sending.
      'duties.csv': ['entry_number,line_number,program,heading,rate,amount', 'EX1-0000001-7,1,ordinary,,5,5.00', 'EX1-0000001-7,1,ordinary,,5,5.00',
        ...lines.flatMap((line) => [`EX1-0000001-7,${line},s301,9903.88.01,25,25.00`, ...(line > 1 ? [`EX1-0000001-7,${line},ordinary,,5,5.00`] : [])])],
    });
    const report = await context.service.ingest([folder]);
    expect(report).toMatchObject({ accepted: false, loadedBy: 'staged' });
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['duties.csv:3: heading']);
  });

  it('makes a staged ingest wait for the ingest lock before it checks against what is stored, not only before it merges', async () => {
    // Otherwise a staged ingest checked while a direct load ran would be merged against data it never saw.
    const holder = await context.dataSource.createQueryRunner();
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(hashtext('drawback.ingest'))`);
    let done = false;
    const phases = new Set<string>();
    const staged = context.service.ingest([example('ex1-j1-section301-mpf')], { loader: 'staged', onProgress: (p) => phases.add(p.phase) })
      .finally(() => (done = true));
    try {
      const waitingForTheLock = async () => (await holder.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`))[0].n as number;
      // It asks for the lock as soon as it has a connection: give a loaded machine up to 10 s to get there.
      const deadline = Date.now() + 10_000;
      while ((await waitingForTheLock()) === 0 && !done && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      // Nothing read, nothing checked: it waits at the start.
      expect({ done, waiting: await waitingForTheLock(), phases: [...phases] }).toEqual({ done: false, waiting: 1, phases: [] });
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(hashtext('drawback.ingest'))`);
      await holder.release();
    }
    expect(await staged).toMatchObject({ accepted: true, stored: true });
  });

  it('is not used by a database role that may not turn the foreign-key triggers off: the staged ingest stores the data set', async () => {
    await context.dataSource.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'drawback_plain') THEN CREATE ROLE drawback_plain LOGIN; END IF;
      END $$;
      GRANT ALL ON ALL TABLES IN SCHEMA public TO drawback_plain;
      GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO drawback_plain;`);
    const url = new URL(TEST_DATABASE_URL);
    url.username = 'drawback_plain';
    const plain = await openDatabase({ databaseUrl: url.toString() });
    try {
      const report = await new IngestService(plain).ingest([example('ex3-a-heat-trace-11021')]);
      expect(report).toMatchObject({ accepted: true, stored: true, loadedBy: 'staged' });
    } finally {
      await plain.destroy();
    }
  });
});
