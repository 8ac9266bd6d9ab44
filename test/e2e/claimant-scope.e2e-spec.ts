import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseApiKey } from '@drawback/application';
import { Dec } from '@drawback/domain';
import { openDatabase } from '@drawback/persistence';
import { copyOfExample, example } from '../fixture-paths';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL } from '../test-database';
import { ApiHarness, JOB_TIMEOUT_MS } from './api-harness';

jest.setTimeout(2 * JOB_TIMEOUT_MS + 60_000);

const A = '12-3456789AB';
const B = '98-7654321CD';
const EX3 = example('ex3-a-heat-trace-11021');
const AS_OF = '2026-11-22';
const idOf = (key: string) => parseApiKey(key)!.id;

/** ex1 brought by another importer, with a production order of its own; the entry number stays the valid one. */
function ex1OfB(): string {
  const folder = copyOfExample('ex1-j1-section301-mpf');
  const entries = join(folder, 'entries.csv');
  writeFileSync(entries, readFileSync(entries, 'utf8').replaceAll(A, B));
  writeFileSync(join(folder, 'production.csv'), 'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts\n'
    + 'PO-B1,2026-04-01,input,L-100,,100,NO,\nPO-B1,2026-04-01,output,FG-B1,,100,NO,7326908688\n');
  return folder;
}

/** The sum of the amount column of a duties.csv: what the portfolio of that data set alone declares. */
function dutiesDeclared(folder: string): string {
  const [header, ...rows] = readFileSync(join(folder, 'duties.csv'), 'utf8').trim().split('\n');
  const column = header.split(',').indexOf('amount');
  return rows.reduce((sum, row) => sum.plus(row.split(',')[column]), new Dec(0)).toFixed(2);
}

describe("claimant scope: a key sees its claimants' data only, enforced in the queries", () => {
  const harness = new ApiHarness();
  let dataSource: DataSource;
  let folderOfB: string;
  const keys = { specialistA: '', financeA: '', specialistB: '', specialistAB: '', auditor: '' };
  // Run and claim ids come back in other suites (identities restart, claim ids follow from content): events after `since` only.
  const seen = { since: '0', jobB: '', runB: '', claimA: '', claimB: '' };

  const upload = async (folder: string, key: string) => {
    const { jobId } = (await harness.uploadFolder(folder, key).expect(202)).body;
    return { jobId: jobId as string, job: await harness.waitForJob(jobId, key) };
  };

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    await resetData(dataSource);
    await dataSource.query(`TRUNCATE job`);
    seen.since = (await dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`))[0].id;
    await harness.start();
    keys.specialistA = await harness.createKey('specialist', [A]);
    keys.financeA = await harness.createKey('finance', [A]);
    keys.specialistB = await harness.createKey('specialist', [B]);
    keys.specialistAB = await harness.createKey('specialist', [A, B]);
    keys.auditor = await harness.createKey('auditor', ['*']);
    folderOfB = ex1OfB();

    expect((await upload(EX3, keys.specialistA)).job).toMatchObject({ state: 'completed', apiKeyId: idOf(keys.specialistA) });
    const ofB = await upload(folderOfB, keys.specialistB);
    expect(ofB.job).toMatchObject({ state: 'completed' });
    seen.jobB = ofB.jobId;
    seen.runB = (ofB.job.result as { runId: string }).runId;
    seen.claimA = (await harness.post('/claims', keys.specialistA).send({ provision: 'a', exports: ['EXP-3'], asOf: AS_OF }).expect(201)).body.id;
    const claimB = await harness.post('/claims', keys.specialistB).send({ provision: 'j1', exports: ['EXP-1'], asOf: AS_OF }).expect(201);
    expect(claimB.body.claimant).toBe(B);
    seen.claimB = claimB.body.id;
    for (const job of ['estimate', 'record-pack']) {
      const { jobId } = (await harness.post(`/claims/${seen.claimB}/${job}`, keys.specialistB).expect(202)).body;
      expect(await harness.waitForJob(jobId, keys.specialistB)).toMatchObject({ state: 'completed' });
    }
  });

  afterAll(async () => {
    await harness.stop();
    await dataSource?.destroy();
    rmSync(folderOfB, { recursive: true, force: true });
  });

  it("lists only the claimant's entries, exports, production orders and claims", async () => {
    const list = async (path: string, key: string, field: string) =>
      ((await harness.get(path, key).expect(200)).body.items as Array<Record<string, string>>).map((item) => item[field]);
    for (const key of [keys.specialistA, keys.financeA]) {
      expect(await list('/entries', key, 'entryNumber')).toEqual(['EX3-0000001-5']);
      expect(await list('/exports', key, 'exportId')).toEqual(['EXP-3']);
      expect(await list('/production-orders', key, 'orderId')).toEqual(['PO-1']);
      expect(await list('/claims', key, 'id')).toEqual([seen.claimA]);
    }
    expect(await list('/entries', keys.specialistB, 'entryNumber')).toEqual(['EX1-0000001-7']);
    expect(await list('/production-orders', keys.specialistB, 'orderId')).toEqual(['PO-B1']);
    expect(await list('/exports', keys.specialistAB, 'exportId')).toEqual(['EXP-1', 'EXP-3']);
    expect((await harness.get('/entries', keys.financeA).expect(200)).body.total).toBe(1);
  });

  it("computes the portfolio over the claimant's entries only: A's and B's add up to everyone's", async () => {
    const declared = async (key: string) => (await harness.get(`/portfolio?asOf=${AS_OF}`, key).expect(200)).body.dutyDeclared as string;
    const [ofA, ofB, all] = [await declared(keys.financeA), await declared(keys.specialistB), await declared(keys.auditor)];
    expect(ofA).toBe(dutiesDeclared(EX3));
    expect(ofB).toBe(dutiesDeclared(folderOfB));
    expect(new Dec(ofA).plus(ofB).toFixed(2)).toBe(all);
    const whatIf = (await harness.post('/portfolio/what-if', keys.financeA).send({ asOf: AS_OF }).expect(200)).body;
    expect(whatIf).toMatchObject({ whatIf: true, dutyDeclared: ofA });
  });

  it("answers 404, not 403, for each of another claimant's resources, which its own claimant reads", async () => {
    const ofB = [
      '/entries/EX1-0000001-7', '/entries/EX1-0000001-7/recoverability', '/entries/EX1-0000001-7/findings',
      '/entries/EX1-0000001-7/lines/1/ledger', '/exports/EXP-1', '/exports/EXP-1/lines/1/trace', '/production-orders/PO-B1',
      `/claims/${seen.claimB}`, `/claims/${seen.claimB}/estimate`, `/claims/${seen.claimB}/record-pack`,
      `/ingest-runs/${seen.runB}`, `/jobs/${seen.jobB}`,
    ];
    const statuses = async (key: string) => Promise.all(ofB.map(async (path) => `${path} ${(await harness.get(path, key)).status}`));
    expect(await statuses(keys.financeA)).toEqual(ofB.map((path) => `${path} 404`));
    expect(await statuses(keys.specialistA)).toEqual(ofB.map((path) => `${path} 404`));
    expect(await statuses(keys.specialistB)).toEqual(ofB.map((path) => `${path} 200`));
    await harness.post(`/claims/${seen.claimB}/estimate`, keys.specialistA).expect(404);
    await harness.post(`/claims/${seen.claimB}/record-pack`, keys.specialistA).expect(404);
    await harness.delete(`/claims/${seen.claimB}`, keys.specialistA).expect(404);
    await harness.get(`/claims/${seen.claimB}`, keys.specialistB).expect(200);
  });

  it('reads an entry by its number written without dashes or in lower case on every route that takes one, for its claimant only', async () => {
    const routes = (entry: string) =>
      [`/entries/${entry}`, `/entries/${entry}/recoverability`, `/entries/${entry}/findings`, `/entries/${entry}/lines/1/ledger`];
    for (const written of ['EX100000017', 'ex1-0000001-7']) {
      for (const path of routes(written)) {
        const read = await harness.get(path, keys.specialistB);
        expect(`${path} ${read.status} ${read.body.entryNumber}`).toBe(`${path} 200 EX1-0000001-7`);
        expect(`${path} ${(await harness.get(path, keys.specialistA)).status}`).toBe(`${path} 404`);
      }
    }
    // Not an entry number (its check digit is wrong): found nowhere, as before.
    for (const path of routes('EX1-0000001-8')) expect(`${path} ${(await harness.get(path, keys.specialistB)).status}`).toBe(`${path} 404`);
  });

  it('names a refused file and a claimant not of the key in one answer (400 VALIDATION_FAILED)', async () => {
    const refused = await harness.post('/datasets', keys.specialistA)
      .attach('files', Buffer.from('a,b\n'), { filepath: '../x/entries.csv', contentType: 'text/csv' } as never)
      .field('claimant', B)
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'files', message: '"../x/entries.csv" may not hold a path separator' },
        { field: 'claimant', message: `${B} is not one of this key's claimants (${A})` },
      ],
    });
  });

  it('brings a data set for the claimant the key names, and refuses one of another importer', async () => {
    const several = await harness.uploadFolder(EX3, keys.specialistAB).expect(422);
    expect(several.body).toMatchObject({ code: 'CLAIMANT_INVALID', details: [{ field: 'claimant' }] });
    await harness.uploadFolder(EX3, keys.specialistAB).field('claimant', 'XX-0000000XX').expect(422);
    const named = await harness.uploadFolder(folderOfB, keys.specialistAB).field('claimant', B).expect(202);
    expect(await harness.waitForJob(named.body.jobId, keys.specialistAB)).toMatchObject({ state: 'completed' });

    const refused = await upload(folderOfB, keys.specialistA);
    expect(refused.job).toMatchObject({ state: 'failed', error: expect.stringContaining(`importer ${B} is not the claimant ${A}`) });
    // The rejected run is the claimant's it was brought for: its key may read why.
    await harness.get(`/ingest-runs/${(refused.job.result as { runId: string }).runId}`, keys.specialistA).expect(200);
  });

  it("shows an ingest job of a key for every claimant to the claimant its data set was brought for, and to no other", async () => {
    const { jobId, job } = await upload(EX3, harness.adminKey);
    expect(job).toMatchObject({ state: 'completed' });
    await harness.get(`/ingest-runs/${(job.result as { runId: string }).runId}`, keys.financeA).expect(200);
    await harness.get(`/jobs/${jobId}`, keys.financeA).expect(200);
    await harness.get(`/jobs/${jobId}`, keys.specialistB).expect(404);
  });

  it("makes a claim for the key's claimant only, over that claimant's export lines", async () => {
    const otherClaimant = await harness.post('/claims', keys.specialistA).send({ provision: 'j1', exports: ['EXP-1'], asOf: AS_OF, claimant: B }).expect(422);
    expect(otherClaimant.body).toMatchObject({ code: 'CLAIMANT_INVALID', details: [{ field: 'claimant' }] });
    await harness.post('/claims', keys.specialistAB).send({ provision: 'j1', exports: ['EXP-1'], asOf: AS_OF }).expect(422);
    const notTheirs = await harness.post('/claims', keys.specialistA).send({ provision: 'j1', exports: ['EXP-1'], asOf: AS_OF }).expect(422);
    expect(notTheirs.body.details).toEqual([{ field: 'exports', message: 'export EXP-1: no such export line' }]);
  });

  it('names the key in the audit trail for what its requests and its jobs did', async () => {
    const events = (await harness.get(`/audit-events?subject=claim:${seen.claimB}&after=${seen.since}`, keys.auditor).expect(200)).body.items;
    const actorOf = (action: string) => events.find((e: { action: string }) => e.action === action)?.actor;
    expect(actorOf('claim.created')).toBe(`key:${idOf(keys.specialistB)}`);
    expect(actorOf('estimate.written')).toBe(`key:${idOf(keys.specialistB)}`);
    const [run] = (await harness.get(`/audit-events?subject=ingest_run:${seen.runB}&after=${seen.since}`, keys.auditor).expect(200)).body.items;
    expect(run).toMatchObject({ action: 'ingest.accepted', actor: `key:${idOf(keys.specialistB)}` });
  });
});
