import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type request from 'supertest';
import { DataSource } from 'typeorm';
import { checkPackIntegrity, EstimateService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { example } from '../fixture-paths';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL } from '../test-database';
import { ApiHarness, JOB_TIMEOUT_MS } from './api-harness';

const EX3 = example('ex3-a-heat-trace-11021');
const EXPECTED = JSON.parse(readFileSync(join(EX3, 'expected.json'), 'utf8'));
const CLAIM = { provision: 'a', exports: ['EXP-3'], asOf: '2026-11-22' };
const LEDGER = '/entries/EX3-0000001-5/lines/1/ledger';
const TRACE = '/exports/EXP-3/lines/1/trace';
jest.setTimeout(JOB_TIMEOUT_MS + 30_000);

/** supertest keeps a binary body as a Buffer only when told how to read it. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('claims over the API: create, estimate and record pack as jobs, trace, ledger, delete', () => {
  const harness = new ApiHarness();
  let dataSource: DataSource;
  let claimId: string;
  const get = (path: string) => harness.get(path);
  const post = (path: string) => harness.post(path);

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    await resetData(dataSource);
    await dataSource.query(`TRUNCATE job`);
    await harness.start();
    const accepted = await harness.uploadFolder(EX3).expect(202);
    expect(await harness.waitForJob(accepted.body.jobId)).toMatchObject({ state: 'completed' });
  });

  afterAll(async () => {
    await harness.stop();
    await dataSource?.destroy();
  });

  it('refuses a malformed claim request, listing every bad field', async () => {
    const refused = await post('/claims').send({ provision: 'z', exports: 'EXP-3', asOf: '2026-13-01', policy: { lesser_of: 1 }, colour: 'red' }).expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['asOf', 'colour', 'exports', 'policy.lesser_of', 'provision']);
  });

  it('refuses an unsupported policy with the other bad fields (400), and with 422 an export the data does not hold', async () => {
    const refused = await post('/claims').send({ ...CLAIM, asOf: '2026-13-01', exports: ['EXP-3', 'EXP-9'], policy: { lesser_of: 'aggregate' } }).expect(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.body.details).toEqual([
      { field: 'asOf', message: expect.any(String) },
      { field: 'policy.lesser_of', message: expect.stringContaining('lesser_of=aggregate') },
    ]);
    const unknown = await post('/claims').send({ ...CLAIM, exports: ['EXP-3', 'EXP-9'] }).expect(422);
    expect(unknown.body.details).toEqual([{ field: 'exports', message: 'export EXP-9: no such export line' }]);
    expect((await get('/claims').expect(200)).body.total).toBe(0);
  });

  it('creates the claim, designating the heats through PO-1 at once', async () => {
    const created = await post('/claims').send(CLAIM).expect(201);
    claimId = created.body.id;
    expect(created.body).toMatchObject({
      provision: 'a', asOf: '2026-11-22', claimant: '12-3456789AB', status: 'draft', designations: 3, unmatched: [],
      policy: { s232_identification: 'lot_or_heat', lesser_of: 'per_bucket' },
    });
    const again = await post('/claims').send(CLAIM).expect(422);
    expect(again.body.details[0].message).toBe(`export EXP-3/1 is already in claim ${claimId}`);

    const list = (await get('/claims').expect(200)).body;
    expect(list).toMatchObject({ total: 1, items: [{ id: claimId, exportLineCount: 1, designationCount: 3, estimated: false }] });
    const detail = (await get(`/claims/${claimId}`).expect(200)).body;
    expect(detail).toMatchObject({
      exportLines: [{ exportId: 'EXP-3', lineNumber: 1, lotId: 'FG-1', quantity: '600', uom: 'NO', designationCount: 3, unmatched: null }],
      designations: { count: 3, byMethod: [{ method: 'heat', count: 3 }], importLines: [{ entryNumber: 'EX3-0000001-5', lineNumber: 1, uom: 'KG', quantity: '60000' }] },
      unmatched: [],
    });
    await get('/claims/00000000-0000-4000-8000-000000000000').expect(404);
    await get('/claims/not-a-claim').expect(404);
  });

  it('computes the estimate in a job and serves the stored JSON exactly, with the totals of expected.json', async () => {
    expect((await get(`/claims/${claimId}/estimate`).expect(404)).body.message).toMatch(/no estimate yet/);
    const accepted = await post(`/claims/${claimId}/estimate`).expect(202);
    const job = await harness.waitForJob(accepted.body.jobId);
    expect(job).toMatchObject({ queue: 'estimate', name: 'estimate-claim', state: 'completed', attempts: 1, result: { claimId, totals: EXPECTED.totals } });
    // The job row shows the step it was on; the last one stays.
    expect(job.progress).toEqual({ phase: 'storing the estimate' });

    const served = await get(`/claims/${claimId}/estimate`).expect(200).expect('Content-Type', /application\/json/);
    const estimate = JSON.parse(served.text);
    expect(estimate.totals).toEqual(EXPECTED.totals);
    expect(estimate.unmatched).toEqual(EXPECTED.unmatched);
    expect(estimate.lines).toHaveLength(EXPECTED.lines.length);
    for (const line of EXPECTED.lines) {
      expect(estimate.lines).toContainEqual(expect.objectContaining({
        program: line.program, heatNumber: line.heatNumber, designated: line.designated, status: line.status, reason: line.reason, refund: line.refund,
      }));
    }
    // The very text EstimateService writes: same inputs, same bytes, key order included.
    expect(served.text).toBe(JSON.stringify(await new EstimateService(dataSource).estimate(claimId)));
    const [{ rows }] = await dataSource.query(`SELECT count(*)::int AS rows FROM estimate WHERE claim_id = $1`, [claimId]);
    expect(rows).toBe(1);
    await post('/claims/00000000-0000-4000-8000-000000000000/estimate').expect(404);
  });

  it('builds the record pack in a job and serves a zip whose every hash matches its manifest', async () => {
    expect((await get(`/claims/${claimId}/record-pack`).expect(404)).body.message).toMatch(/no record pack yet/);
    const accepted = await post(`/claims/${claimId}/record-pack`).expect(202);
    expect(await harness.waitForJob(accepted.body.jobId)).toMatchObject({
      queue: 'record-pack', state: 'completed', result: { claimId, file: `${claimId}.zip` }, progress: { phase: 'writing the zip' },
    });
    const download = await get(`/claims/${claimId}/record-pack`).buffer(true).parse(binary).expect(200)
      .expect('Content-Type', 'application/zip').expect('Content-Disposition', `attachment; filename="record-pack-${claimId}.zip"`);
    const check = await checkPackIntegrity(download.body as Buffer);
    expect(check.problems).toEqual([]);
    expect(check.manifest?.claim).toMatchObject({ id: claimId, provision: 'a' });
    expect(JSON.parse(check.files.get('estimate.json')!.toString('utf8')).totals).toEqual(EXPECTED.totals);

    // A second build writes the same bytes over the first.
    const again = await post(`/claims/${claimId}/record-pack`).expect(202);
    await harness.waitForJob(again.body.jobId);
    const second = await get(`/claims/${claimId}/record-pack`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(second.body as Buffer, download.body as Buffer)).toBe(0);
  });

  it('traces the export line through FG-1 and PO-1 to the heats of L-PLATE on the import line', async () => {
    const trace = (await get(TRACE).expect(200)).body;
    expect(trace).toMatchObject({ exportId: 'EXP-3', lineNumber: 1, quantity: '600', claim: { id: claimId, provision: 'a', status: 'draft' }, unmatched: null });
    expect(trace.designations.map((d: { trace: string[] }) => d.trace)).toEqual(['H1', 'H2', 'H3'].map((heat) =>
      ['export:EXP-3/1', 'lot:FG-1', 'order:PO-1', 'lot:L-PLATE', `heat:${heat}`, 'entry:EX3-0000001-5/1']));
    expect(trace.designations.map((d: { quantity: string; method: string }) => [d.quantity, d.method]))
      .toEqual([['25000', 'heat'], ['25000', 'heat'], ['10000', 'heat']]);
    await get('/exports/EXP-3/lines/2/trace').expect(404);
    expect((await get('/exports/EXP-3/lines/first/trace').expect(400)).body.details).toEqual([{ field: 'line', message: expect.any(String) }]);
  });

  it('shows the ledger of the import line: 60000 of 100000 designated, heat by heat, each with its trace to the export line', async () => {
    const ledger = (await get(LEDGER).expect(200)).body;
    expect(ledger).toMatchObject({ entryNumber: 'EX3-0000001-5', lineNumber: 1, uom: 'KG', quantity: '100000', designated: '60000', available: '40000' });
    expect(ledger.receipts.map((r: { heatNumber: string; designated: string; available: string }) => [r.heatNumber, r.designated, r.available]))
      .toEqual([['H1', '25000', '0'], ['H2', '25000', '0'], ['H3', '10000', '15000'], ['H4', '0', '25000']]);
    expect(ledger.designations).toEqual(['H1', 'H2', 'H3'].map((heat, i) => ({
      claimId, claimStatus: 'draft', exportId: 'EXP-3', exportLine: 1, lotId: 'L-PLATE', heatNumber: heat, quantity: ['25000', '25000', '10000'][i], quantityExact: null, method: 'heat',
      trace: ['export:EXP-3/1', 'lot:FG-1', 'order:PO-1', 'lot:L-PLATE', `heat:${heat}`, 'entry:EX3-0000001-5/1'],
    })));
    await get('/entries/EX3-0000001-5/lines/2/ledger').expect(404);
  });

  it('documents every claim route in the OpenAPI document', async () => {
    const document = (await get('/docs-json').expect(200)).body;
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([
      '/claims', '/claims/{id}', '/claims/{id}/estimate', '/claims/{id}/record-pack',
      '/exports/{exportId}/lines/{line}/trace', '/entries/{entryNumber}/lines/{line}/ledger',
    ]));
    expect(Object.keys(document.paths['/claims/{id}'])).toEqual(expect.arrayContaining(['get', 'delete']));
  });

  it('fails an estimate job at once, without retrying, when its claim is gone', async () => {
    await harness.stopWorker();
    const accepted = await post(`/claims/${claimId}/estimate`).expect(202);
    await harness.delete(`/claims/${claimId}`).expect(204);
    await harness.startWorker();
    expect(await harness.waitForJob(accepted.body.jobId)).toMatchObject({ state: 'failed', attempts: 1, error: `no claim ${claimId}` });
    // Recreated for the next test: the same request makes the same claim.
    expect((await post('/claims').send(CLAIM).expect(201)).body.id).toBe(claimId);
  });

  it('deletes a draft claim and releases its designations; a filed claim cannot be deleted', async () => {
    const accepted = await post(`/claims/${claimId}/record-pack`).expect(202);
    await harness.waitForJob(accepted.body.jobId);
    await harness.delete(`/claims/${claimId}`).expect(204);
    await get(`/claims/${claimId}`).expect(404);
    await get(`/claims/${claimId}/record-pack`).expect(404);
    expect((await get(LEDGER).expect(200)).body).toMatchObject({ designated: '0', available: '100000', designations: [] });
    expect((await get(TRACE).expect(200)).body).toMatchObject({ claim: null, designations: [], unmatched: null });
    await harness.delete(`/claims/${claimId}`).expect(404);

    const filed = (await post('/claims').send(CLAIM).expect(201)).body.id;
    expect((await post(`/claims/${filed}/filed`).expect(200)).body).toMatchObject({ id: filed, status: 'filed' });
    expect((await harness.delete(`/claims/${filed}`).expect(409)).body.code).toBe('CONFLICT');
    expect((await get(LEDGER).expect(200)).body.designated).toBe('60000');
    // Filed again: the same, recorded once in the audit trail.
    expect((await post(`/claims/${filed}/filed`).expect(200)).body).toMatchObject({ id: filed, status: 'filed' });
    expect(await dataSource.query(`SELECT action FROM audit_event WHERE subject = $1 AND action = 'claim.filed'`, [`claim:${filed}`])).toHaveLength(1);
    await post('/claims/00000000-0000-0000-0000-000000000000/filed').expect(404);
  });
});
