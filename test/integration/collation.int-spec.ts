import { Client } from 'pg';
import { ClaimService, IngestService, RecordPackService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { dataSet } from '../fixture-paths';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL } from '../test-database';

/** The test database's name with a suffix: a second database, of another collation, beside it. */
function siblingUrl(suffix: string): URL {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `${url.pathname}_${suffix}`;
  return url;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: Object.assign(new URL(TEST_DATABASE_URL), { pathname: '/postgres' }).toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Export ids, lots, documents whose order differs by collation: by character code (C) upper case comes
 * first ("EXP-C" < "Exp-a" < "exp-b"); a linguistic collation (ICU en-US) puts them a, b, C.
 */
const MIXED_CASE = dataSet({
  'entries.csv': ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom',
    'EX1-0000001-7,01,12-3456789AB,2026-03-20,2026-03-20,3901,1,7326908688,article,CN,30000.00,1000,KG'],
  'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX1-0000001-7,1,s301,9903.88.03,7500.00', 'EX1-0000001-7,1,ordinary,,300.00'],
  'lots.csv': ['entry_number,line_number,lot_id,quantity', 'EX1-0000001-7,1,L-1,1000'],
  'exports.csv': ['export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value',
    ...['exp-b', 'EXP-C', 'Exp-a'].map((id) => `${id},1,2026-06-15,exported,Acme,DE,7326908688,article,L-1,100,KG,4500.00`),
    ...['u-b', 'U-C', 'U-a'].map((id) => `${id},1,2026-06-15,exported,Acme,DE,7326908688,article,NO-SUCH-LOT,100,KG,4500.00`)],
  'evidence.csv': ['document_id,kind,subject,subject_id,reference,sha256',
    'd-b,export_proof,export_line,exp-b/1,b.pdf,', 'D-C,export_proof,export_line,EXP-C/1,c.pdf,', 'D-a,export_proof,export_line,Exp-a/1,a.pdf,'],
});

/** The claim over every export line of MIXED_CASE, and its record pack, on one database. */
async function packOn(dataSource: DataSource): Promise<{ zip: Buffer; unmatched: string[] }> {
  await new IngestService(dataSource).ingest([MIXED_CASE]);
  const claim = await new ClaimService(dataSource).create({ provision: 'j1', asOf: '2026-11-22' });
  const { zip } = await new RecordPackService(dataSource).build(claim.id);
  return { zip, unmatched: claim.result.unmatched.map((u) => u.exportId) };
}

describe('the database\'s collation', () => {
  jest.setTimeout(60_000);
  const icu = siblingUrl('icu');
  let plain: DataSource;
  let linguistic: DataSource;

  beforeAll(async () => {
    const name = icu.pathname.slice(1);
    await admin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
    });
    plain = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    linguistic = await openDatabase({ databaseUrl: icu.toString() });
    await resetData(plain);
  });
  afterAll(async () => {
    await plain?.destroy();
    await linguistic?.destroy();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${icu.pathname.slice(1)}" WITH (FORCE)`));
  });

  it('changes nothing in a claim or its record pack: text keys are ordered by character code, as the code orders them', async () => {
    const onPlain = await packOn(plain);
    const onLinguistic = await packOn(linguistic);
    expect(onLinguistic.unmatched).toEqual(['U-C', 'U-a', 'u-b']);
    expect(onLinguistic.unmatched).toEqual(onPlain.unmatched);
    expect(onLinguistic.zip.equals(onPlain.zip)).toBe(true);
  });
});
