import { Dec, toCents } from '@drawback/domain';
import {
  AuditLog, BucketTag, ClaimantScope, digestOf, EntryRecoverability, entryRecoverability, LineDuty, portfolioFigures, PortfolioFigures, RecoverabilityStore,
  RuleVersionConflictError, ruleVersionStored, RuleVersionStore, SqlSession, writeTags,
} from '@drawback/persistence';
import { claimsShippedVersionWithOtherContent, decide, defaultRuleData, parseRuleData, PolicySettings, PROVISIONS, RuleData, WHAT_IF_VERSION_PREFIX } from '@drawback/rules';
import { DataSource } from 'typeorm';

export const DEADLINE_WINDOWS = [30, 90, 365];
const RETAG_ALL_ABOVE = 5000;

export interface Portfolio {
  asOf: string;
  rules: { version: string; unverified: string[] };
  policy: PolicySettings;
  /** True for a what-if: computed under a proposed version or policy, not saved. */
  whatIf: boolean;
  dutyDeclared: string;
  dutyOnLines: string;
  byProvision: Array<{ provision: string; recoverable: string; conditional: string; excluded: string; total: string }>;
  rows: PortfolioFigures['rows'];
  deadlines: PortfolioFigures['deadlines'];
}

export class RuleDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`the rule data is refused: ${problems.join('; ')}`);
  }
}

/** A rule version asked for by name that was never loaded. */
export class UnknownRuleVersionError extends Error {
  constructor(readonly version: string) {
    super(`rule version ${version} does not exist`);
    this.name = 'UnknownRuleVersionError';
  }
}

/**
 * The recoverability view (rules issue): every line duty's status under each provision, decided by the
 * active rule version with lot/heat identification taken as given, kept per version; the portfolio over
 * it; loading rule versions; what-ifs that are computed and rolled back.
 */
export class RecoverabilityService {
  private readonly store: RecoverabilityStore;
  private readonly versions: RuleVersionStore;

  /**
   * `job`: the job this service works for, if any. A retag's audit event is then recorded once for the job,
   * however many times the job is delivered (interfaces.md, Jobs: results written idempotently).
   */
  constructor(private readonly dataSource: DataSource, private readonly actor = 'system', private readonly job: string | null = null) {
    this.store = new RecoverabilityStore(dataSource);
    this.versions = new RuleVersionStore(dataSource);
  }

  /** The active rule data; the shipped version is loaded the first time it is needed. */
  async activeRules(): Promise<RuleData> {
    const active = await this.versions.active();
    if (active) return this.parse(active.document);
    const shipped = defaultRuleData();
    await this.versions.activate(shipped.version, shipped);
    return shipped;
  }

  /** The active rule data, or the shipped version when none is stored yet, storing nothing. */
  private async activeOrShippedRules(): Promise<RuleData> {
    const active = await this.versions.active();
    return active ? this.parse(active.document) : defaultRuleData();
  }

  /**
   * A what-if's rule document, refused as `loadVersion` refuses it: under a version name taken by other content
   * (stored, or the shipped rules'), its figures would be labelled with rules they were not computed by.
   */
  private async proposedRules(document: unknown): Promise<RuleData> {
    const data = this.parse(document);
    if (claimsShippedVersionWithOtherContent(data, document)) throw new RuleVersionConflictError(data.version, true);
    if (await this.versions.storedWithOtherContent(data.version, document)) throw new RuleVersionConflictError(data.version);
    return data;
  }

  /** Loads a rule-data document as the new active version (refused whole, every problem named). */
  async loadVersion(document: unknown): Promise<{ version: string; created: boolean }> {
    const data = this.parse(document);
    if (claimsShippedVersionWithOtherContent(data, document)) throw new RuleVersionConflictError(data.version, true);
    const { created } = await this.versions.activate(data.version, document);
    await new AuditLog(this.dataSource).record({
      actor: this.actor, action: created ? 'rules.loaded' : 'rules.reactivated', subject: `rule_version:${data.version}`, after: digestOf(document),
    });
    return { version: data.version, created };
  }

  /** Recomputes the view with the active version (all entries, or the given ones); returns tags written. */
  async retag(entryIds: string[] | null = null): Promise<{ version: string; tags: number }> {
    const rules = await this.activeRules();
    const tags = await this.store.replaceTags(rules.version, entryIds, this.tagPages(rules, rules.policyDefaults, entryIds));
    if (entryIds === null) {
      const event = { actor: this.actor, action: 'rules.retagged', subject: `rule_version:${rules.version}`, detail: { tags } };
      const audit = new AuditLog(this.dataSource);
      await (this.job ? audit.recordOnceForJob(this.job, event) : audit.record(event));
    }
    return { version: rules.version, tags };
  }

  /**
   * Tags entries with no tag of the active version yet — what ingests added since. Ingest itself does not
   * tag (at a million lines that is most of the work); the portfolio and the ingest job call this.
   */
  async tagUntagged(): Promise<{ version: string; tags: number }> {
    const rules = await this.activeRules();
    const entryIds = await this.store.untaggedEntryIds(rules.version);
    if (entryIds.length === 0) return { version: rules.version, tags: 0 };
    // Past a few thousand entries, one pass over everything is cheaper than filtering by a long id list.
    return this.retag(entryIds.length > RETAG_ALL_ABOVE ? null : entryIds);
  }

  /**
   * The portfolio at an as-of date over the scope's importers' entries (null: all); whatever the active
   * version has not tagged yet is tagged first.
   */
  async portfolio(asOf: string, scope: ClaimantScope = null): Promise<Portfolio> {
    await this.tagUntagged();
    const rules = await this.activeRules();
    const figures = await portfolioFigures((sql, params) => this.dataSource.query(sql, params), rules.version, asOf, DEADLINE_WINDOWS, scope);
    return this.present(asOf, rules, rules.policyDefaults, figures, false);
  }

  /**
   * One entry's line duties with their tags under each provision, of the active version or of an older
   * one (its tags are kept); null when no such entry of the scope's importers is stored.
   */
  async entry(entryNumber: string, version?: string, scope: ClaimantScope = null): Promise<EntryRecoverability | null> {
    const query = <T>(sql: string, parameters?: unknown[]): Promise<T[]> => this.dataSource.query(sql, parameters);
    if (version !== undefined && !(await ruleVersionStored(query, version))) throw new UnknownRuleVersionError(version);
    return entryRecoverability(query, entryNumber, version ?? (await this.activeRules()).version, scope);
  }

  /** The portfolio under a proposed rule document and/or policy, computed in a transaction rolled back. */
  async whatIf(asOf: string, proposal: { document?: unknown; policy?: Partial<PolicySettings> }, scope: ClaimantScope = null): Promise<Portfolio> {
    // Saves nothing (README): not even the shipped version, which activeRules() stores on first use.
    const rules = proposal.document ? await this.proposedRules(proposal.document) : await this.activeOrShippedRules();
    const policy = { ...rules.policyDefaults, ...proposal.policy };
    const version = `${WHAT_IF_VERSION_PREFIX}${rules.version}`;
    const session = await SqlSession.open(this.dataSource);
    try {
      await session.begin();
      await session.query(`INSERT INTO rule_version (version, document, sha256) VALUES ($1, '{}', repeat('0', 64))`, [version]);
      await writeTags(session, version, null, this.tagPages(rules, policy, null));
      const figures = await portfolioFigures((sql, params) => session.query(sql, params), version, asOf, DEADLINE_WINDOWS, scope);
      return this.present(asOf, rules, policy, figures, true);
    } finally {
      await session.rollback();
      await session.release();
    }
  }

  private async *tagPages(rules: RuleData, policy: PolicySettings, entryIds: string[] | null): AsyncGenerator<BucketTag[]> {
    for await (const page of this.store.lineDuties(entryIds)) yield page.flatMap((duty) => tagsOf(rules, policy, duty));
  }

  private parse(document: unknown): RuleData {
    const parsed = parseRuleData(document);
    if (!parsed.ok) throw new RuleDataError(parsed.problems);
    return parsed.data;
  }

  private present(asOf: string, rules: RuleData, policy: PolicySettings, figures: PortfolioFigures, whatIf: boolean): Portfolio {
    const byProvision = PROVISIONS.map((provision) => {
      const sum = (status: string) =>
        figures.rows.filter((r) => r.provision === provision && r.status === status).reduce((total, r) => total.plus(r.amount), new Dec(0));
      const [recoverable, conditional, excluded] = ['recoverable', 'conditional', 'excluded'].map(sum);
      return {
        provision,
        recoverable: toCents(recoverable),
        conditional: toCents(conditional),
        excluded: toCents(excluded),
        total: toCents(recoverable.plus(conditional).plus(excluded)),
      };
    });
    return {
      asOf, whatIf, policy,
      rules: { version: rules.version, unverified: figures.unverified },
      dutyDeclared: figures.dutyDeclared,
      dutyOnLines: figures.dutyOnLines,
      byProvision,
      rows: figures.rows,
      deadlines: figures.deadlines,
    };
  }
}

/**
 * The view's decision for one line duty under each provision: lot/heat identification is taken as given
 * (method null), no export is known yet, and the deadline is applied at query time (as-of = import date).
 */
function tagsOf(rules: RuleData, policy: PolicySettings, duty: LineDuty): BucketTag[] {
  return PROVISIONS.map((provision) => ({
    dutyBucketId: duty.dutyBucketId,
    entryLineId: duty.entryLineId,
    provision,
    amount: duty.facts.amount,
    decision: decide(rules, duty.facts, { provision, method: null, export: null, asOf: duty.facts.entry.importDate, policy }),
  }));
}
