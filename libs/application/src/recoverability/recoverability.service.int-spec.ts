import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dec, toCents } from '@drawback/domain';
import { openDatabase, RuleVersionConflictError } from '@drawback/persistence';
import { defaultRuleData } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { dataSet, example } from '../../../../test/fixture-paths';
import { resetData } from '../../../../test/reset-data';
import { TEST_DATABASE_URL } from '../../../../test/test-database';
import { IngestService } from '../ingest/ingest.service';
import { RecoverabilityService, RuleDataError } from './recoverability.service';

const EXAMPLES = ['ex1-j1-section301-mpf', 'ex2-j2-lesser-of', 'ex3-a-heat-trace-11021'];

describe(RecoverabilityService.name, () => {
  let dataSource: DataSource;
  let service: RecoverabilityService;

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    service = new RecoverabilityService(dataSource);
  });
  beforeEach(async () => {
    await resetData(dataSource);
    await dataSource.query(`TRUNCATE bucket_tag, rule_version CASCADE`);
    for (const name of EXAMPLES) await new IngestService(dataSource).ingest([example(name)]);
    await service.tagUntagged();
  });
  afterAll(async () => {
    // Leave the shipped rules active for the suites that follow: their expected figures are under them.
    await service.loadVersion(defaultRuleData());
    await dataSource.destroy();
  });

  it('tags the duty a later data set adds to a stored line — and its line\'s other duties again, which decide with it — once', async () => {
    const entries = readFileSync(join(example('ex3-a-heat-trace-11021'), 'entries.csv'), 'utf8').trim().split('\n');
    const more = dataSet({
      'entries.csv': entries,
      'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX3-0000001-5,1,adcvd,A-570-900,1200.00'],
    });
    expect((await new IngestService(dataSource).ingest([more])).errors).toEqual([]);

    expect((await service.tagUntagged()).tags).toBeGreaterThan(0);
    const tagsOf = (program: string) => dataSource.query(
      `SELECT t.provision, t.reason FROM bucket_tag t JOIN duty_bucket b ON b.id = t.duty_bucket_id JOIN import_entry ie ON ie.id = b.entry_id
        WHERE ie.entry_number = 'EX3-0000001-5' AND b.program = $1 AND t.provision = 'a'`, [program]);
    expect(await tagsOf('adcvd')).toEqual([{ provision: 'a', reason: 'ADCVD_NEVER' }]);
    // The line is now an AD/CVD article's: its Section 232 duty is decided again with that (rules, S232_ADCVD_ARTICLE).
    expect(await tagsOf('s232')).toEqual([{ provision: 'a', reason: 'S232_ADCVD_ARTICLE' }]);
    expect(await service.tagUntagged()).toMatchObject({ tags: 0 });
  });

  it('tags every ingested line duty under each provision, and the portfolio adds up to the duty ingested', async () => {
    const portfolio = await service.portfolio('2026-11-22');
    expect(portfolio.dutyDeclared).toBe('136161.74');
    for (const provision of portfolio.byProvision) expect(provision.total).toBe('136161.74');
    const byProgram = (program: string, provision: string) =>
      portfolio.rows.filter((r) => r.program === program && r.provision === provision);
    expect(byProgram('s232', 'a')).toEqual([
      { program: 's232', provision: 'a', status: 'excluded', reason: 'S232_NO_DRAWBACK', amount: '14000.00' },
      { program: 's232', provision: 'a', status: 'recoverable', reason: 'RECOVERABLE', amount: '100000.00' },
    ]);
    expect(byProgram('mpf', 'a')[0]).toMatchObject({ status: 'excluded', reason: 'MPF_HMF_NOT_MANUFACTURING', amount: '911.74' });
    const sum = portfolio.rows.filter((r) => r.provision === 'j1').reduce((total, r) => total.plus(r.amount), new Dec(0));
    expect(toCents(sum)).toBe('136161.74');
  });

  it('states every money figure with two decimals, also over no entries at all', async () => {
    await resetData(dataSource);
    const empty = await service.portfolio('2026-11-22');
    expect([empty.dutyDeclared, empty.dutyOnLines, empty.byProvision[0].total, empty.deadlines[0].amount]).toEqual(['0.00', '0.00', '0.00', '0.00']);
  });

  it('applies the five-year deadline at the as-of date and shows what reaches it within 30, 90 and 365 days', async () => {
    const later = await service.portfolio('2030-12-01');
    expect(later.deadlines).toEqual([
      { withinDays: 30, entryLines: 0, amount: '0.00' },
      { withinDays: 90, entryLines: 0, amount: '0.00' },
      { withinDays: 365, entryLines: 2, amount: '117238.54' }, // ex1 (2031-03-20) and ex3 (2031-05-10); ex2's passed
    ]);
    const past = await service.portfolio('2031-03-21');
    const ex1 = past.rows.filter((r) => r.reason === 'CLAIM_DEADLINE_PASSED' && r.provision === 'j1');
    expect(ex1.map((r) => [r.program, r.amount])).toEqual([['mpf', '277.12'], ['ordinary', '1250.00'], ['s232', '14000.00'], ['s301', '20000.00']]);
  });

  it('retags with a newly loaded rule version; tags made before still name the old version', async () => {
    const shipped = defaultRuleData();
    const changed = JSON.parse(JSON.stringify(shipped));
    changed.version = 'test-mpf-manufacturing';
    changed.rules = changed.rules.filter((rule: { id: string }) => rule.id !== 'MPF-HMF-NOT-MANUFACTURING');
    changed.rules.find((rule: { id: string }) => rule.id === 'MPF-HMF-UNUSED').provisions.push('a', 'b');

    await service.loadVersion(changed);
    const retag = await service.retag();
    expect(retag.version).toBe('test-mpf-manufacturing');

    const mpfUnderA = await dataSource.query(
      `SELECT t.rule_version, t.status, t.reason, t.rule_id FROM bucket_tag t JOIN duty_bucket b ON b.id = t.duty_bucket_id
        WHERE b.program = 'mpf' AND t.provision = 'a' AND b.entry_id = (SELECT id FROM import_entry WHERE entry_number = 'EX3-0000001-5')
        ORDER BY t.rule_version`);
    expect(mpfUnderA).toEqual([
      { rule_version: shipped.version, status: 'excluded', reason: 'MPF_HMF_NOT_MANUFACTURING', rule_id: 'MPF-HMF-NOT-MANUFACTURING' },
      { rule_version: 'test-mpf-manufacturing', status: 'recoverable', reason: 'RECOVERABLE', rule_id: 'MPF-HMF-UNUSED' },
    ]);
    expect((await service.portfolio('2026-11-22')).rules.version).toBe('test-mpf-manufacturing');
  });

  it('answers a what-if under another policy without saving anything', async () => {
    const before = await dataSource.query(`SELECT count(*)::int AS n FROM bucket_tag`);
    const whatIf = await service.whatIf('2026-11-22', { policy: { s232_substitution: 'allowed' } });
    expect(whatIf.whatIf).toBe(true);
    expect(whatIf.rows.find((r) => r.program === 's232' && r.provision === 'b' && r.status === 'recoverable')?.amount).toBe('100000.00');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM bucket_tag`)).toEqual(before);
    expect((await service.portfolio('2026-11-22')).rows.find((r) => r.program === 's232' && r.provision === 'b' && r.reason === 'S232_SUBSTITUTION_NOT_ALLOWED')).toBeDefined();
  });

  it('refuses a what-if under a version name other content has taken, the shipped rules\' or a stored version\'s: its figures would carry that name', async () => {
    const shipped = defaultRuleData();
    const edited = { ...shipped, rules: shipped.rules.slice(1) };
    await expect(service.whatIf('2026-11-22', { document: edited })).rejects.toEqual(new RuleVersionConflictError(shipped.version, true));
    await service.loadVersion({ ...shipped, version: 'test-what-if-name' });
    await expect(service.whatIf('2026-11-22', { document: { ...edited, version: 'test-what-if-name' } }))
      .rejects.toEqual(new RuleVersionConflictError('test-what-if-name'));
    // The same content under its own name, or other content under a new one, is a what-if.
    expect((await service.whatIf('2026-11-22', { document: { ...shipped, version: 'test-what-if-name' } })).whatIf).toBe(true);
    expect((await service.whatIf('2026-11-22', { document: { ...edited, version: 'test-what-if-new' } })).rules.version).toBe('test-what-if-new');
  });

  it('lists the unverified rules of the figures shown only: not those of lines past their deadline, which CLAIM_DEADLINE_PASSED decides', async () => {
    const open = await service.portfolio('2026-11-22');
    expect(open.rules.unverified.length).toBeGreaterThan(0);
    // Every example's import is past its five-year deadline by 2040.
    const late = await service.portfolio('2040-01-01');
    expect(late.rows.every((row) => row.reason === 'CLAIM_DEADLINE_PASSED')).toBe(true);
    expect(late.rules.unverified).toEqual([]);
  });

  it('answers a what-if on a database where no rule version is stored yet without storing the shipped one', async () => {
    await dataSource.query(`TRUNCATE bucket_tag, rule_version CASCADE`);
    const whatIf = await service.whatIf('2026-11-22', { policy: { s232_substitution: 'allowed' } });
    expect(whatIf.rules.version).toBe(defaultRuleData().version);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM rule_version`)).toEqual([{ n: 0 }]);
  });

  it('loads a version again when its content is the same whatever the key order; other content under that version is refused', async () => {
    const changed = { ...defaultRuleData(), version: 'test-key-order' };
    expect(await service.loadVersion(changed)).toEqual({ version: 'test-key-order', created: true });
    const { rules, ...rest } = changed;
    const reordered = { rules, ...Object.fromEntries(Object.entries(rest).reverse()) };
    expect(await service.loadVersion(reordered)).toEqual({ version: 'test-key-order', created: false });
    await expect(service.loadVersion({ ...changed, rules: rules.slice(1) })).rejects.toBeInstanceOf(RuleVersionConflictError);
  });

  it('refuses invalid rule data whole, naming every problem', async () => {
    await expect(service.loadVersion({ version: 'x', rules: [] })).rejects.toBeInstanceOf(RuleDataError);
  });

  it('lists the unverified rules the portfolio relies on', async () => {
    const portfolio = await service.portfolio('2026-11-22');
    expect(portfolio.rules.unverified).toEqual(expect.arrayContaining(['S232-P11021-MFG', 'S232-P11021-PARTNERS', 'MPF-HMF-NOT-MANUFACTURING']));
  });
});
