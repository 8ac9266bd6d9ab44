import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { RecoverabilityService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { defaultRuleData } from '@drawback/rules';
import { portfolioCommand } from '../../apps/cli/src/commands/portfolio.command';
import { example } from '../fixture-paths';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-database';
import { ApiHarness, JOB_TIMEOUT_MS } from './api-harness';

const EXAMPLES = ['ex1-j1-section301-mpf', 'ex2-j2-lesser-of', 'ex3-a-heat-trace-11021'];
const AS_OF = '2026-11-22';
const SHIPPED = defaultRuleData();
jest.setTimeout(JOB_TIMEOUT_MS + 30_000);

interface Tag { provision: string; status: string; reason: string; ruleId: string; ruleVersion: string }
interface Duty { program: string; level: string; amount: string; provisions: Tag[] }
interface View { ruleVersion: string; tagged: boolean; lines: Array<{ lineNumber: number; duties: Duty[] }> }

/** The shipped rules with MPF/HMF recoverable under (a) and (b) too: a change a retag must show. */
function mpfRecoverableUnderManufacturing(version: string) {
  const changed = JSON.parse(JSON.stringify(SHIPPED));
  changed.version = version;
  changed.rules = changed.rules.filter((rule: { id: string }) => rule.id !== 'MPF-HMF-NOT-MANUFACTURING');
  changed.rules.find((rule: { id: string }) => rule.id === 'MPF-HMF-UNUSED').provisions.push('a', 'b');
  return changed;
}

/** What `drawback portfolio --as-of D --json` prints, run in-process on the test database. */
async function cliPortfolio(dataSource: DataSource, asOf: string): Promise<unknown> {
  let out = '';
  const stdout = new Writable({ write: (chunk, _encoding, done) => { out += String(chunk); done(); } });
  const io = { stdout, stderr: stdout } as unknown as Parameters<typeof portfolioCommand>[2];
  expect(await portfolioCommand(dataSource, { asOf, json: true, policy: {} }, io)).toBe(0);
  return JSON.parse(out);
}

describe('recoverability over the API: portfolio, what-if, entry view, findings, rule versions, retag job', () => {
  const harness = new ApiHarness();
  let dataSource: DataSource;
  const get = (path: string) => harness.get(path);
  const post = (path: string) => harness.post(path);
  const mpfUnderA = (view: View) => view.lines[0].duties.find((d) => d.program === 'mpf')?.provisions.find((t) => t.provision === 'a');

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    await resetData(dataSource);
    // Other suites load rule versions and leave jobs; CASCADE reaches what references a version (claims).
    await dataSource.query(`TRUNCATE bucket_tag, rule_version, job CASCADE`);
    await harness.start();
    for (const name of EXAMPLES) {
      const accepted = await harness.uploadFolder(example(name)).expect(202);
      expect(await harness.waitForJob(accepted.body.jobId)).toMatchObject({ state: 'completed' });
    }
  });

  afterAll(async () => {
    await harness.stop();
    // Leave the shipped rules active for the suites that follow: their expected figures are under them.
    if (dataSource) await new RecoverabilityService(dataSource).loadVersion(SHIPPED);
    await dataSource?.destroy();
  });

  it('serves at GET /portfolio the very figures the command line prints, every provision adding up to the duty declared', async () => {
    const api = (await get(`/portfolio?asOf=${AS_OF}`).expect(200)).body;
    expect(api).toEqual(JSON.parse(JSON.stringify(await new RecoverabilityService(dataSource).portfolio(AS_OF))));
    expect(api).toEqual(await cliPortfolio(dataSource, AS_OF));
    expect(api).toMatchObject({ asOf: AS_OF, whatIf: false, rules: { version: SHIPPED.version }, dutyDeclared: '136161.74' });
    expect(api.byProvision.map((p: { provision: string }) => p.provision)).toEqual(['a', 'b', 'c', 'j1', 'j2']);
    for (const provision of api.byProvision) expect(provision.total).toBe('136161.74');
  });

  it('refuses an as-of date that is not a date', async () => {
    const refused = await get('/portfolio?asOf=2026-13-01').expect(400);
    expect(refused.body).toEqual({
      code: 'VALIDATION_FAILED', message: 'asOf: "2026-13-01" is not a calendar date',
      details: [{ field: 'asOf', message: '"2026-13-01" is not a calendar date' }],
    });
  });

  it('reports the Section 232 basis findings of a stored entry', async () => {
    const found = await get('/entries/EX1-0000001-7/findings').expect(200);
    expect(found.body.entryNumber).toBe('EX1-0000001-7');
    expect(found.body.findings).toContainEqual({
      code: 'S232_CONTENT_VALUE_UNSUPPORTED', entryNumber: 'EX1-0000001-7', lineNumber: 1, expected: null, declared: '18000.00',
      message: expect.stringContaining('content_value_worksheet'),
    });
    expect((await get('/entries/EX3-0000001-5/findings').expect(200)).body).toEqual({ entryNumber: 'EX3-0000001-5', findings: [] });
    expect((await get('/entries/NO-SUCH-ENTRY/findings').expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("shows each line duty's status, reason and rule under each provision, entry-level fees as the line's share", async () => {
    const view: View & { claimDeadline: string } = (await get('/entries/EX3-0000001-5/recoverability').expect(200)).body;
    expect(view).toMatchObject({ entryNumber: 'EX3-0000001-5', ruleVersion: SHIPPED.version, tagged: true, claimDeadline: '2031-05-10' });
    const [line] = view.lines;
    expect(line.duties.map((d) => [d.program, d.level, d.amount])).toEqual([['mpf', 'line', '634.62'], ['s232', 'line', '100000.00']]);
    for (const duty of line.duties) expect(duty.provisions.map((t) => t.provision)).toEqual(['a', 'b', 'c', 'j1', 'j2']);
    expect(mpfUnderA(view)).toMatchObject({
      status: 'excluded', reason: 'MPF_HMF_NOT_MANUFACTURING', ruleId: 'MPF-HMF-NOT-MANUFACTURING', ruleVersion: SHIPPED.version,
      unverified: ['MPF-HMF-NOT-MANUFACTURING'], citation: expect.any(String),
    });
    const ex1: View = (await get('/entries/EX1-0000001-7/recoverability').expect(200)).body;
    expect(ex1.lines[0].duties.find((d) => d.program === 'mpf'))
      .toMatchObject({ level: 'entry', amount: '103.92', share: '1.000000', entryAmount: '103.92', provisions: expect.any(Array) });
    expect((await get('/entries/NO-SUCH-ENTRY/recoverability').expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await get('/entries/EX3-0000001-5/recoverability?version=no-such-version').expect(404)).body)
      .toEqual({ code: 'NOT_FOUND', message: 'rule version no-such-version does not exist' });
  });

  it('answers a what-if under another policy without saving anything', async () => {
    const tagsBefore = await dataSource.query(`SELECT * FROM bucket_tag ORDER BY rule_version, duty_bucket_id, entry_line_id, provision`);
    const versionsBefore = await dataSource.query(`SELECT version, active FROM rule_version ORDER BY version`);
    const whatIf = (await post('/portfolio/what-if').send({ asOf: AS_OF, policy: { s232_substitution: 'allowed' } }).expect(200)).body;
    expect(whatIf).toMatchObject({ whatIf: true, asOf: AS_OF, policy: { s232_substitution: 'allowed' } });
    expect(whatIf.rows).toContainEqual({ program: 's232', provision: 'b', status: 'recoverable', reason: 'RECOVERABLE', amount: '100000.00' });
    expect(await dataSource.query(`SELECT * FROM bucket_tag ORDER BY rule_version, duty_bucket_id, entry_line_id, provision`)).toEqual(tagsBefore);
    expect(await dataSource.query(`SELECT version, active FROM rule_version ORDER BY version`)).toEqual(versionsBefore);
    const saved = (await get(`/portfolio?asOf=${AS_OF}`).expect(200)).body;
    expect(saved.rows).toContainEqual(expect.objectContaining({ program: 's232', provision: 'b', reason: 'S232_SUBSTITUTION_NOT_ALLOWED' }));
  });

  it('lists every bad field of a what-if, and every problem of proposed rule data', async () => {
    const invalid = await post('/portfolio/what-if').send({ asOf: 'tomorrow', policy: { s232_substitution: 'maybe', fifo: 'on' } }).expect(400);
    expect(invalid.body.details).toEqual([
      { field: 'asOf', message: '"tomorrow" is not a date (YYYY-MM-DD)' },
      { field: 'policy.s232_substitution', message: 'must be one of excluded, allowed' },
      { field: 'policy.fifo', message: 'is not a setting (known: s232_identification, s232_substitution, lesser_of)' },
    ]);
    const rules = await post('/portfolio/what-if').send({ asOf: AS_OF, rules: { ...SHIPPED, version: '', policyDefaults: {} } }).expect(422);
    expect(rules.body).toMatchObject({ code: 'RULE_DATA_INVALID' });
    expect(rules.body.details.map((d: { field: string }) => d.field)).toEqual([
      'version', 'policyDefaults.s232_identification', 'policyDefaults.s232_substitution', 'policyDefaults.lesser_of',
    ]);
  });

  it('shows the active version, what in it is unverified, its policy defaults and every stored version', async () => {
    const rules = (await get('/rules').expect(200)).body;
    expect(rules).toMatchObject({ active: SHIPPED.version, policyDefaults: SHIPPED.policyDefaults });
    expect(rules.versions).toEqual([{ version: SHIPPED.version, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), loadedAt: expect.any(String), active: true }]);
    expect(rules.unverified.rules.map((r: { id: string }) => r.id)).toEqual(SHIPPED.rules.filter((r) => !r.verified).map((r) => r.id));
    expect(rules.unverified.lists.map((l: { id: string }) => l.id)).toEqual(['S232-P11021-PARTNERS', 'S232-P11021-ANNEXES']);
    expect((await get(`/rules/${SHIPPED.version}`).expect(200)).body).toEqual(JSON.parse(JSON.stringify(SHIPPED)));
    expect((await get('/rules/no-such-version').expect(404)).body).toEqual({ code: 'NOT_FOUND', message: 'rule version no-such-version does not exist' });
  });

  it('refuses invalid rule data whole with 422, every problem listed, and stores nothing', async () => {
    const refused = await post('/rules').send({ version: 'broken', rules: [{ id: 'X', stage: 'nowhere' }] }).expect(422);
    expect(refused.body.code).toBe('RULE_DATA_INVALID');
    expect(refused.body.details).toEqual(expect.arrayContaining([
      { field: 'rules[0].stage', message: expect.stringContaining('must be one of') },
      { field: 'rules[0].provisions', message: expect.any(String) },
      { field: 'tradeAgreementPartners', message: expect.any(String) },
      { field: 'policyDefaults', message: 'must be an object' },
    ]));
    expect(refused.body.details.length).toBeGreaterThanOrEqual(10);
    expect((await post('/rules').send([]).expect(422)).body.details).toEqual([{ field: '(document)', message: 'the rule data must be a JSON object' }]);
    expect((await get('/rules').expect(200)).body.versions).toHaveLength(1);
  });

  it('loads a new version, retags in a job, and the entry view shows the new tag while the old version keeps its own', async () => {
    const changed = mpfRecoverableUnderManufacturing('e2e-mpf-manufacturing');
    expect((await post('/rules').send(changed).expect(201)).body).toEqual({ version: 'e2e-mpf-manufacturing', created: true });
    expect((await post('/rules').send(changed).expect(200)).body).toEqual({ version: 'e2e-mpf-manufacturing', created: false });
    const conflict = await post('/rules').send({ ...changed, rules: changed.rules.slice(1) }).expect(409);
    expect(conflict.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('e2e-mpf-manufacturing') });
    const pending: View = (await get('/entries/EX3-0000001-5/recoverability').expect(200)).body;
    expect(pending).toMatchObject({ ruleVersion: 'e2e-mpf-manufacturing', tagged: false });

    const accepted = await post('/rules/retag').expect(202);
    const job = await harness.waitForJob(accepted.body.jobId);
    expect(job).toMatchObject({ state: 'completed', queue: 'retag', name: 'retag-all', result: { version: 'e2e-mpf-manufacturing' } });

    const view: View = (await get('/entries/EX3-0000001-5/recoverability').expect(200)).body;
    expect(view.tagged).toBe(true);
    expect(mpfUnderA(view)).toMatchObject({ status: 'recoverable', reason: 'RECOVERABLE', ruleId: 'MPF-HMF-UNUSED', ruleVersion: 'e2e-mpf-manufacturing' });
    const old: View = (await get(`/entries/EX3-0000001-5/recoverability?version=${SHIPPED.version}`).expect(200)).body;
    expect(mpfUnderA(old)).toMatchObject({ status: 'excluded', ruleId: 'MPF-HMF-NOT-MANUFACTURING', ruleVersion: SHIPPED.version });
    const stored = await dataSource.query(
      `SELECT t.rule_version, t.status, t.rule_id FROM bucket_tag t JOIN duty_bucket b ON b.id = t.duty_bucket_id
        JOIN import_entry e ON e.id = b.entry_id WHERE e.entry_number = 'EX3-0000001-5' AND b.program = 'mpf' AND t.provision = 'a'
        ORDER BY t.rule_version`);
    expect(stored).toEqual([
      { rule_version: SHIPPED.version, status: 'excluded', rule_id: 'MPF-HMF-NOT-MANUFACTURING' },
      { rule_version: 'e2e-mpf-manufacturing', status: 'recoverable', rule_id: 'MPF-HMF-UNUSED' },
    ]);

    const api = (await get(`/portfolio?asOf=${AS_OF}`).expect(200)).body;
    expect(api).toEqual(await cliPortfolio(dataSource, AS_OF));
    expect(api.rows).toContainEqual({ program: 'mpf', provision: 'a', status: 'recoverable', reason: 'RECOVERABLE', amount: '911.74' });
    for (const provision of api.byProvision) expect(provision.total).toBe('136161.74');
  });

  it('re-enqueues at worker start a retag job that PostgreSQL holds as queued but Redis lost', async () => {
    await harness.stopWorker();
    const accepted = await post('/rules/retag').expect(202);
    const queue = new Queue('retag', { connection: { url: TEST_REDIS_URL }, prefix: harness.queuePrefix });
    try {
      // What a Redis restart without persistence does to the waiting job.
      await queue.obliterate({ force: true });
      expect(await queue.getJob(`retag-${accepted.body.jobId}`)).toBeUndefined();
    } finally {
      await queue.close();
    }
    expect((await get(`/jobs/${accepted.body.jobId}`).expect(200)).body).toMatchObject({ state: 'queued' });
    await harness.startWorker();
    expect(await harness.waitForJob(accepted.body.jobId)).toMatchObject({ state: 'completed', attempts: 1 });
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const document = (await get('/docs-json').expect(200)).body;
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([
      '/portfolio', '/portfolio/what-if', '/entries/{entryNumber}/recoverability', '/entries/{entryNumber}/findings',
      '/rules', '/rules/{version}', '/rules/retag',
    ]));
  });
});
