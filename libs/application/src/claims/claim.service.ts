import { createHash } from 'node:crypto';
import { ClaimProvision, designate, DesignationResult } from '@drawback/domain';
import { ClaimantScope, ClaimStore, digestOf, directStock, selectExportLines, substitutionStock } from '@drawback/persistence';
import { PolicySettings } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { counted, NO_PHASES, PhaseListener } from '../progress';
import { RecoverabilityService } from '../recoverability/recoverability.service';
import { claimRequestProblems, ClaimRequestError, resolvePolicy } from './claim-policy';

/**
 * A claim's id follows from what defines it — claimant, provision, as-of date, policy, rule version and
 * export lines — so the same data, rules, policy and date give the same claim, estimate and record pack
 * byte for byte (matching-and-estimates.md §7). An export line is in one claim only, so ids never collide.
 */
export function claimIdOf(claimant: string, provision: string, asOf: string, policy: PolicySettings, ruleVersion: string, exportKeys: string[]): string {
  const canonical = JSON.stringify([claimant, provision, asOf, Object.entries(policy).sort(), ruleVersion, [...exportKeys].sort()]);
  const hex = createHash('sha256').update(canonical).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface ClaimRequest {
  provision: string;
  /** Export ids (all their lines) or `ID/LINE`; absent: every export line in the date range. */
  exports?: string[];
  from?: string;
  to?: string;
  /** The filing date the deadlines are tested against. */
  asOf: string;
  policy?: Record<string, string>;
  /** Importer number; absent: the importer of the first entry row stored (not with a scope). */
  claimant?: string;
}

export interface CreatedClaim {
  id: string;
  claimant: string;
  provision: ClaimProvision;
  asOf: string;
  policy: PolicySettings;
  ruleVersion: string;
  result: DesignationResult;
}

/**
 * Creates a claim: picks its export lines, designates imports for them under the ledger's lock with the
 * pure designation of the domain library, and stores the result (matching-and-estimates.md §1–§2).
 * A claim takes only its claimant's export lines; with a scope (an API key's claimants) the claimant must
 * be one of them, lines that record no claimant are left out, and only the scope's importers' entries are
 * designated, as that key cannot see others. Unscoped, any stored import may be designated (§2 limits
 * candidates by lot, heat, HTS, unit and time, not by importer).
 */
export class ClaimService {
  private readonly claims: ClaimStore;

  constructor(private readonly dataSource: DataSource, private readonly actor = 'system') {
    this.claims = new ClaimStore(dataSource);
  }

  async create(request: ClaimRequest, scope: ClaimantScope = null, onPhase: PhaseListener = NO_PHASES): Promise<CreatedClaim> {
    const problems = claimRequestProblems(request);
    if (problems.length > 0) throw new ClaimRequestError(problems);
    if (scope !== null && (request.claimant === undefined || !scope.includes(request.claimant))) {
      throw new ClaimRequestError([`claimant ${request.claimant ?? '(none)'} is not one of ${scope.join(', ')}`]);
    }
    const provision = request.provision as ClaimProvision;
    const rules = await new RecoverabilityService(this.dataSource).activeRules();
    const policy = resolvePolicy(rules.policyDefaults, request.policy ?? {});
    const query = this.dataSource.query.bind(this.dataSource);
    onPhase('selecting the export lines');
    const claimant = request.claimant ?? (await this.claimantOfExports(request));
    const selected = await selectExportLines(query, { ...request, owner: { claimant, unowned: scope === null } });
    // A mistyped export id must not shrink the claim silently.
    const unmatchedRefs = (request.exports ?? []).filter((ref) =>
      !selected.some((line) => line.exportId === ref || `${line.exportId}/${line.lineNumber}` === ref));
    if (unmatchedRefs.length > 0) throw new ClaimRequestError(await this.unmatchedExportProblems(unmatchedRefs, request, claimant, scope));
    const claimed = selected.filter((line) => line.claimId !== null);
    if (request.exports && claimed.length > 0) {
      throw new ClaimRequestError(claimed.map((line) => `export ${line.exportId}/${line.lineNumber} is already in claim ${line.claimId}`));
    }
    const exports = selected.filter((line) => line.claimId === null);
    if (exports.length === 0) throw new ClaimRequestError([await this.nothingToClaim(request, claimant, selected.length)]);
    const exportLineIds = exports.map((line) => line.exportLineId);
    const claimId = claimIdOf(claimant, provision, request.asOf, policy, rules.version, exports.map((line) => `${line.exportId}/${line.lineNumber}`));
    const { id, result } = await this.claims.designateInLock(
      { id: claimId, claimant, provision, asOf: request.asOf, policy, ruleVersion: rules.version, exportLineIds },
      async (session) => {
        const sessionQuery = session.query.bind(session);
        const substitution = provision === 'b' || provision === 'j2';
        onPhase(`reading the imports available to ${counted(exports.length, 'export line')}`);
        const stock = substitution
          ? { importLines: await substitutionStock(sessionQuery, exportLineIds, scope), receipts: [], orders: [] }
          : await directStock(sessionQuery, exportLineIds, scope);
        onPhase(`designating imports for ${counted(exports.length, 'export line')}`);
        const result = designate({ provision, exports, ...stock, otherSubheadings: rules.otherSubheadings.values });
        onPhase(`storing ${counted(result.designations.length, 'designation')} in the ledger`);
        return result;
      },
      (id, result) => ({
        actor: this.actor, action: 'claim.created', subject: `claim:${id}`, after: digestOf(result),
        detail: { provision, claimant, asOf: request.asOf, exportLines: exportLineIds.length, designations: result.designations.length },
      }));
    return { id, claimant, provision, asOf: request.asOf, policy, ruleVersion: rules.version, result };
  }

  /**
   * Why export ids the request names were not selected. Lines stored as another claimant's that the caller
   * may see (the command line sees all) are named as that claimant's, so that a claim made for the wrong
   * claimant does not read as a mistyped id; anything else — another claimant's line a key may not see
   * among them — is no such export line.
   */
  private async unmatchedExportProblems(refs: string[], request: ClaimRequest, claimant: string, scope: ClaimantScope): Promise<string[]> {
    const stored = await selectExportLines(this.dataSource.query.bind(this.dataSource), { exports: refs, from: request.from, to: request.to });
    const range = request.from || request.to ? ' in the date range' : '';
    return refs.map((ref) => {
      const owners = [...new Set(stored
        .filter((line) => line.exportId === ref || `${line.exportId}/${line.lineNumber}` === ref)
        .map((line) => line.claimant)
        .filter((owner): owner is string => owner !== null && (scope === null || scope.includes(owner))))].sort();
      return owners.length > 0
        ? `export ${ref} belongs to claimant ${owners.join(', ')}, not to ${claimant}, whose claim this is`
        : `export ${ref}: no such export line${range}`;
    });
  }

  /** Why a request leaves no export line to claim: all taken already, a claimant the data does not know, or none matches. */
  private async nothingToClaim(request: ClaimRequest, claimant: string, matched: number): Promise<string> {
    if (matched > 0) return 'every export line that matches the request is already in a claim';
    if (request.claimant !== undefined) {
      const [known] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM import_entry WHERE importer_number = $1) OR EXISTS (SELECT 1 FROM export_line WHERE claimant = $1) AS known`, [claimant]);
      if (!known.known) return `claimant ${claimant} is the importer of no stored entry and the claimant of no stored export line`;
    }
    return 'no unclaimed export line matches the request';
  }

  /** Deletes a draft claim of the scope, releasing its designations; the audit trail keeps what it was. */
  async deleteDraft(id: string, scope: ClaimantScope = null) {
    return this.claims.deleteDraft(id, scope, (before) => ({ actor: this.actor, action: 'claim.deleted', subject: `claim:${id}`, before: digestOf(before) }));
  }

  /** Marks a claim of the scope filed: it can no longer be deleted; the audit trail records when and by whom. */
  async markFiled(id: string, scope: ClaimantScope = null) {
    return this.claims.markFiled(id, scope, (before) => ({ actor: this.actor, action: 'claim.filed', subject: `claim:${id}`, before: digestOf(before) }));
  }

  async get(id: string, scope: ClaimantScope = null) {
    return this.claims.get(id, scope);
  }

  /**
   * The claimant of a claim that names none: the one claimant the chosen export lines belong to. Export
   * lines that record no claimant (a data set of several importers) leave it to `drawback run`'s rule, the
   * importer number of the first entry row (matching-and-estimates.md §2.3). Lines of several claimants
   * cannot make one claim: the request must say whose it is.
   */
  private async claimantOfExports(request: ClaimRequest): Promise<string> {
    const selected = await selectExportLines(this.dataSource.query.bind(this.dataSource), { exports: request.exports, from: request.from, to: request.to });
    // Lines named by id count whether claimed or not (a claimed one is refused below); otherwise what is left to claim.
    const lines = request.exports ? selected : selected.filter((line) => line.claimId === null);
    const claimants = [...new Set(lines.map((line) => line.claimant).filter((claimant): claimant is string => claimant !== null))].sort();
    if (claimants.length > 1) {
      throw new ClaimRequestError([`the export lines chosen belong to ${claimants.length} claimants (${claimants.join(', ')}): say which claimant the claim is for (--claimant on the command line, "claimant" in the API request)`]);
    }
    return claimants[0] ?? (await this.firstImporter());
  }

  /** `drawback run`'s claimant: the importer number of the first entry row (matching-and-estimates.md §2.3). */
  private async firstImporter(): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT ie.importer_number FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id ORDER BY el.id LIMIT 1`);
    if (!row) throw new ClaimRequestError(['no import entry is stored: ingest entries.csv first']);
    return row.importer_number;
  }
}
