import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKeyService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { createApiApp, readApiConfig } from '../../apps/api/src';
import { createWorkerApp, readWorkerConfig } from '../../apps/worker/src';
import { copyOfExample, example } from '../fixture-paths';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-database';

// A queue prefix of its own, so that parallel runs on one Redis never take each other's jobs.
const QUEUE_PREFIX = `e2e-${randomUUID()}`;
const JOB_TIMEOUT_MS = 30_000;
// Booting two Nest apps and waiting on jobs outlasts jest's 5 s default on a slow machine.
jest.setTimeout(JOB_TIMEOUT_MS + 15_000);

type Server = Parameters<typeof request>[0];

/** An admin key for every claimant, made once the API is up. */
let adminKey = '';
const withKey = (test: request.Test) => test.set('Authorization', `Bearer ${adminKey}`);

/** Every CSV file of a folder, attached as the multipart field `files`. */
function uploadFolder(server: Server, folder: string): request.Test {
  let upload = withKey(request(server).post('/datasets'));
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.csv')).sort()) {
    upload = upload.attach('files', join(folder, name));
  }
  return upload;
}

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function waitForJob(server: Server, jobId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  for (;;) {
    const response = await withKey(request(server).get(`/jobs/${jobId}`)).expect(200);
    if (response.body.state === 'completed' || response.body.state === 'failed') return response.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${response.body.state} after ${JOB_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('upload a data set through the API, ingested by the worker', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'drawback-e2e-'));
  const env = {
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    UPLOAD_DIR: join(workDir, 'uploads'),
    PACK_DIR: join(workDir, 'packs'),
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX,
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
  let dataSource: DataSource;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let server: Server;
  const uploadFolders = () => (existsSync(env.UPLOAD_DIR) ? readdirSync(env.UPLOAD_DIR) : []);
  /**
   * The worker records the job's outcome, then removes its upload (a retry must still find the files if the
   * outcome cannot be written), so a reader may see the job ended a moment before the folder goes.
   */
  async function uploadFoldersOnceGone(): Promise<string[]> {
    const deadline = Date.now() + 5_000;
    while (uploadFolders().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return uploadFolders();
  }

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    await resetData(dataSource);
    api = await createApiApp(readApiConfig(env, workDir));
    worker = await createWorkerApp(readWorkerConfig(env));
    server = api.getHttpServer();
    adminKey = (await api.get(ApiKeyService).create({ name: 'e2e admin', role: 'admin', claimants: ['*'] }, 'test:e2e')).secret;
  });

  afterAll(async () => {
    // The worker first: it may still be writing through connections the API shares the database with.
    await worker?.close();
    await api?.close();
    await dataSource?.destroy();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('stores the files on disk, ingests them in a job, and serves the entry with buckets, MPF share and receipts', async () => {
    const folder = example('ex3-a-heat-trace-11021');
    const accepted = await uploadFolder(server, folder).expect(202);
    expect(accepted.body.files).toEqual(['duties.csv', 'entries.csv', 'evidence.csv', 'exports.csv', 'lots.csv', 'production.csv']);

    const job = await waitForJob(server, accepted.body.jobId);
    expect(job).toMatchObject({ state: 'completed', attempts: 1, error: null, queue: 'ingest' });
    expect(job.result).toMatchObject({ counts: { entries: { rows: 1, new: 1 }, lots: { rows: 4, new: 4 } } });
    expect(job).not.toHaveProperty('payload');
    // The files arrived byte for byte (the ingest keeps each one's sha256), and their folder went with the job.
    const [stored] = await dataSource.query(`SELECT sha256 FROM source_file WHERE name = 'entries.csv' ORDER BY id DESC LIMIT 1`);
    expect(stored.sha256).toBe(sha256Of(join(folder, 'entries.csv')));
    expect(await uploadFoldersOnceGone()).toEqual([]);

    const entry = await withKey(request(server).get('/entries/EX3-0000001-5')).expect(200);
    expect(entry.body).toMatchObject({ entryNumber: 'EX3-0000001-5', lineCount: 1, enteredValue: '200000.00' });
    expect(entry.body.lines).toHaveLength(1);
    const [line] = entry.body.lines;
    expect(line).toMatchObject({ lineNumber: 1, hts: '7208510030', enteredValue: '200000.00', quantity: '100000.000000' });
    const program = (name: string) => line.dutyBuckets.find((bucket: { program: string }) => bucket.program === name);
    expect(program('s232')).toMatchObject({ heading: '99038202', metal: 'steel', s232Annex: 'I-A', amount: '100000.00' });
    expect(program('mpf')).toMatchObject({ amount: '634.62' });
    expect(line.receipts).toEqual(['H1', 'H2', 'H3', 'H4'].map((heatNumber) => ({ lotId: 'L-PLATE', heatNumber, quantity: '25000.000000' })));

    const run = await withKey(request(server).get(`/ingest-runs/${(job.result as { runId: string }).runId}`)).expect(200);
    expect(run.body).toMatchObject({ status: 'accepted', loadedBy: (job.result as { loadedBy: string }).loadedBy, errorCount: 0, errors: [] });
    expect(['direct', 'staged']).toContain(run.body.loadedBy);
    const order = await withKey(request(server).get('/production-orders/PO-1')).expect(200);
    expect(order.body.inputs.map((input: { heatNumber: string }) => input.heatNumber)).toEqual(['H1', 'H2', 'H3']);
    expect(order.body.output).toMatchObject({ lotId: 'FG-1', quantity: '600.000000', hts: '8431499095' });
    const exported = await withKey(request(server).get('/exports/EXP-3')).expect(200);
    expect(exported.body).toMatchObject({ exportId: 'EXP-3', lineCount: 1, value: '450000.00' });
    const entries = await withKey(request(server).get('/entries?limit=10')).expect(200);
    expect(entries.body).toMatchObject({ total: 1, limit: 10, offset: 0, items: [{ entryNumber: 'EX3-0000001-5' }] });
  });

  it('apportions an entry-level MPF to the lines and shows each line its share', async () => {
    const accepted = await uploadFolder(server, example('ex1-j1-section301-mpf')).expect(202);
    expect(await waitForJob(server, accepted.body.jobId)).toMatchObject({ state: 'completed' });
    const entry = await withKey(request(server).get('/entries/EX1-0000001-7')).expect(200);
    const mpf = entry.body.lines[0].dutyBuckets.find((bucket: { program: string }) => bucket.program === 'mpf');
    expect(mpf).toMatchObject({ level: 'entry', amount: '103.92', entryAmount: '103.92', share: '1.000000' });
  });

  it('fails the job at once for a bad row, with the row as file:line in the job and its ingest run', async () => {
    const folder = copyOfExample('ex3-a-heat-trace-11021');
    const entries = join(folder, 'entries.csv');
    writeFileSync(entries, readFileSync(entries, 'utf8').replace('200000.00', '2OO000.00'));
    const accepted = await uploadFolder(server, folder).expect(202);
    rmSync(folder, { recursive: true, force: true });

    const job = await waitForJob(server, accepted.body.jobId);
    expect(job).toMatchObject({ state: 'failed', attempts: 1 });
    expect(job.error).toMatch(/^entries\.csv:2: entered_value: /m);
    const result = job.result as { runId: string; errorCount: number; errors: Array<{ file: string; line: number }> };
    expect(result.errors).toEqual([expect.objectContaining({ file: 'entries.csv', line: 2, column: 'entered_value' })]);
    const run = await withKey(request(server).get(`/ingest-runs/${result.runId}`)).expect(200);
    expect(run.body).toMatchObject({ status: 'rejected', loadedBy: null, errorCount: 1, errors: [{ file: 'entries.csv', line: 2 }] });
    // Rejected for good: its upload is not kept either (the run lists every error; the client has the files).
    expect(await uploadFoldersOnceGone()).toEqual([]);
  });

  it('refuses a file name that holds a path, and an upload without files, leaving no folder behind', async () => {
    const foldersBefore = readdirSync(env.UPLOAD_DIR).length;
    const traversal = await withKey(request(server).post('/datasets'))
      .attach('files', Buffer.from('a,b\n'), { filepath: '../entries.csv', contentType: 'text/csv' } as never)
      .expect(400);
    expect(traversal.body).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('path separator'),
      details: [{ field: 'files', message: '"../entries.csv" may not hold a path separator' }],
    });
    const empty = await withKey(request(server).post('/datasets')).field('note', 'nothing attached').expect(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'files' }] });
    expect(readdirSync(env.UPLOAD_DIR)).toHaveLength(foldersBefore);
  });

  it('lists every refused file of an upload, not the first alone, and leaves no folder behind', async () => {
    const foldersBefore = readdirSync(env.UPLOAD_DIR).length;
    const csv = { contentType: 'text/csv' };
    const refused = await withKey(request(server).post('/datasets'))
      .attach('files', Buffer.from('a,b\n'), { filename: 'notes.txt', contentType: 'text/plain' })
      .attach('files', Buffer.from('a,b\n'), { filename: 'foo.csv', ...csv })
      .attach('files', Buffer.from('a,b\n'), { filepath: '../x/entries.csv', ...csv } as never)
      .attach('files', Buffer.from('a,b\n'), { filename: 'duties.csv', ...csv })
      .attach('files', Buffer.from('a,b\n'), { filename: 'duties.csv', ...csv })
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'files', message: '"notes.txt" is not a .csv file' },
        { field: 'files', message: '"foo.csv" is not a data file (entries.csv, duties.csv, lots.csv, production.csv, exports.csv, evidence.csv)' },
        { field: 'files', message: '"../x/entries.csv" may not hold a path separator' },
        { field: 'files', message: '"duties.csv" is sent twice' },
      ],
    });
    expect(readdirSync(env.UPLOAD_DIR)).toHaveLength(foldersBefore);
  });

  it('refuses files sent in another field than "files", listing every such field, and leaves no folder behind', async () => {
    const foldersBefore = readdirSync(env.UPLOAD_DIR).length;
    const misnamed = await withKey(request(server).post('/datasets'))
      .attach('files', Buffer.from('a,b\n'), { filename: 'entries.csv', contentType: 'text/csv' })
      .attach('file', Buffer.from('a,b\n'), { filename: 'duties.csv', contentType: 'text/csv' })
      .attach('lots', Buffer.from('a,b\n'), { filename: 'lots.csv', contentType: 'text/csv' })
      .expect(400);
    expect(misnamed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'file', message: 'is not a field: the CSV files go in "files" ("duties.csv" came in "file")' },
        { field: 'lots', message: 'is not a field: the CSV files go in "files" ("lots.csv" came in "lots")' },
      ],
    });
    expect(readdirSync(env.UPLOAD_DIR)).toHaveLength(foldersBefore);
  });

  it('answers errors as { code, message, details? }', async () => {
    expect((await withKey(request(server).get('/entries/NO-SUCH-ENTRY')).expect(404)).body)
      .toEqual({ code: 'NOT_FOUND', message: 'entry NO-SUCH-ENTRY does not exist' });
    expect((await withKey(request(server).get(`/jobs/${randomUUID()}`)).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    const invalid = await withKey(request(server).get('/entries?limit=0&offset=-1')).expect(400);
    expect(invalid.body.details).toEqual([
      { field: 'limit', message: 'must be a whole number from 1 to 500' },
      { field: 'offset', message: 'must be a whole number from 0 to 999999999' },
    ]);
  });

  it('reports the database and Redis up on /health', async () => {
    const health = await request(server).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'up', checks: { database: 'up', redis: 'up' } });
  });

  it('re-enqueues at worker start a job that PostgreSQL holds as queued but Redis lost', async () => {
    await worker.close();
    const accepted = await uploadFolder(server, example('ex2-j2-lesser-of')).expect(202);
    const queue = new Queue('ingest', { connection: { url: TEST_REDIS_URL }, prefix: QUEUE_PREFIX });
    try {
      // What a Redis restart without persistence does to the waiting job.
      await queue.obliterate({ force: true });
      expect(await queue.getJob(`ingest-${accepted.body.jobId}`)).toBeUndefined();
    } finally {
      await queue.close();
    }
    expect((await withKey(request(server).get(`/jobs/${accepted.body.jobId}`)).expect(200)).body).toMatchObject({ state: 'queued' });

    worker = await createWorkerApp(readWorkerConfig(env));
    expect(await waitForJob(server, accepted.body.jobId)).toMatchObject({ state: 'completed', attempts: 1 });
  });

  it('serves the OpenAPI document at /docs', async () => {
    const page = await request(server).get('/docs').expect(200);
    expect(page.text).toContain('swagger');
    const document = await request(server).get('/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining([
      '/datasets', '/jobs/{id}', '/entries', '/entries/{entryNumber}', '/exports', '/exports/{exportId}',
      '/production-orders', '/production-orders/{orderId}', '/ingest-runs/{id}', '/health',
    ]));
  });
});
