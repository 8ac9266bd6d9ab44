import { buildEstimate, EstimateDocument } from '@drawback/domain';
import {
  AuditLog, ClaimStore, EstimateSource, EstimateStore, loadEstimateSource, RuleVersionStore, SourceBucket, SourceImportLine, StoredClaim,
} from '@drawback/persistence';
import { BucketFacts, decide, parseRuleData, PolicySettings, RuleData, unverifiedListsOfDesignation } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { counted, NO_PHASES, PhaseListener } from '../progress';
import { ClaimRequestError } from './claim-policy';

export class ClaimNotFoundError extends Error {}

/**
 * The estimate of a claim (matching-and-estimates.md §6), by the rule version the claim was made with:
 * each designated bucket decided by the rules, amounts by the domain's estimate. Written idempotently,
 * keyed by claim and rule version, so an estimate computed twice is stored once.
 */
export class EstimateService {
  /**
   * `job`: the job this estimate is written for, if any. Its audit event is then recorded once for the job,
   * however many times the job is delivered (interfaces.md, Jobs: results written idempotently).
   */
  constructor(private readonly dataSource: DataSource, private readonly actor = 'system', private readonly job: string | null = null) {}

  /**
   * Computes the estimate, stores it (one row per claim and rule version) and records the event. Stored only
   * while the claim is the one it was computed from: a draft deleted meanwhile is not found, and one deleted
   * and made again (the same request gives the same id) must be estimated again, not given the old estimate.
   */
  async estimate(claimId: string, onPhase: PhaseListener = NO_PHASES): Promise<EstimateDocument> {
    const claims = new ClaimStore(this.dataSource);
    const claim = await claims.get(claimId);
    if (!claim) throw new ClaimNotFoundError(`no claim ${claimId}`);
    const document = await this.computeFor(claim, onPhase);
    onPhase('storing the estimate');
    const { sha256 } = await new EstimateStore(this.dataSource).save(document.claim.id, document.rules.version, document, claim.createdAt);
    const now = await claims.get(claimId);
    if (!now) throw new ClaimNotFoundError(`no claim ${claimId}`);
    if (now.createdAt !== claim.createdAt) throw new Error(`claim ${claimId} was deleted and made again while its estimate was computed: estimate it again`);
    const event = { actor: this.actor, action: 'estimate.written', subject: `claim:${claimId}`, after: sha256 };
    const audit = new AuditLog(this.dataSource);
    await (this.job ? audit.recordOnceForJob(this.job, event) : audit.record(event));
    return document;
  }

  /** Computes the estimate from what is stored now, writing nothing. */
  async compute(claimId: string, onPhase: PhaseListener = NO_PHASES): Promise<EstimateDocument> {
    const claim = await new ClaimStore(this.dataSource).get(claimId);
    if (!claim) throw new ClaimNotFoundError(`no claim ${claimId}`);
    return this.computeFor(claim, onPhase);
  }

  private async computeFor(claim: StoredClaim, onPhase: PhaseListener): Promise<EstimateDocument> {
    const claimId = claim.id;
    onPhase('reading the claim\'s designations');
    const source = await loadEstimateSource(this.dataSource, claimId);
    onPhase(`deciding the duty buckets of ${counted(source.designations.length, 'designation')}`);
    return this.computeFrom(claim, source, await this.rulesOf(claim.ruleVersion));
  }

  /** The same, from the claim's source and rules already loaded (the record pack shows them too). */
  computeFrom(claim: StoredClaim, source: EstimateSource, rules: RuleData): EstimateDocument {
    // A fixed key order: the estimate's bytes must not depend on how the database returns JSON.
    const stored = claim.policy as PolicySettings;
    const policy: PolicySettings = { s232_identification: stored.s232_identification, s232_substitution: stored.s232_substitution, lesser_of: stored.lesser_of };
    const importLines = new Map(source.importLines.map((line) => [line.entryLineId, line]));
    const exportLines = new Map(source.exportLines.map((line) => [line.exportLineId, line]));
    const document = buildEstimate({
      claim: { id: claim.id, provision: claim.provision, claimant: claim.claimant, asOf: claim.asOf },
      rulesVersion: rules.version,
      policy,
      designations: source.designations,
      unmatched: source.unmatched,
      designationUnverified: unverifiedListsOfDesignation(rules, claim.provision),
      importLines,
      exportLines,
      rule: (bucket, designation, exportLine) => {
        const line = importLines.get(designation.entryLineId)!;
        const decision = decide(rules, bucketFacts(bucket as SourceBucket, line), {
          provision: claim.provision, method: designation.method,
          export: { action: exportLine.action, destinationCountry: exportLine.destinationCountry },
          asOf: claim.asOf, policy,
        });
        return { status: decision.status, reason: decision.reason, ruleId: decision.ruleId, citation: decision.citation, unverified: decision.unverified };
      },
    });
    return document;
  }

  async rulesOf(version: string): Promise<RuleData> {
    const stored = (await new RuleVersionStore(this.dataSource).list()).find((v) => v.version === version);
    if (!stored) throw new ClaimRequestError([`the claim's rule version ${version} is not stored`]);
    const parsed = parseRuleData(stored.document);
    if (!parsed.ok) throw new ClaimRequestError(parsed.problems);
    return parsed.data;
  }
}

function bucketFacts(bucket: SourceBucket, line: SourceImportLine): BucketFacts {
  return {
    program: bucket.program as BucketFacts['program'],
    heading: bucket.heading,
    metal: bucket.metal as BucketFacts['metal'],
    s232Annex: bucket.s232Annex,
    amount: bucket.amount,
    line: line.lineFacts,
    entry: line.entry,
  };
}
