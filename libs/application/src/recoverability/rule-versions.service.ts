import { ruleVersionDocument, RuleVersionSummary, ruleVersionSummaries } from '@drawback/persistence';
import { PolicySettings, Rule } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { RecoverabilityService } from './recoverability.service';

export interface UnverifiedRule {
  id: string;
  programs: Rule['programs'];
  provisions: Rule['provisions'];
  status: Rule['status'];
  reason: string;
  citation: string;
  note: string | null;
}

export interface UnverifiedList {
  id: string;
  citation: string;
  values: string[];
}

/** What a reader of the rule data needs first: which version decides, and what in it rests on commentary. */
export interface RulesOverview {
  active: string;
  /** Rules and lists marked `verified: false` (rules note §6): results that rest on them say so. */
  unverified: { rules: UnverifiedRule[]; lists: UnverifiedList[] };
  policyDefaults: PolicySettings;
  versions: RuleVersionSummary[];
}

/** Reading the stored rule-data versions; loading one is RecoverabilityService.loadVersion. */
export class RuleVersionsService {
  private readonly recoverability: RecoverabilityService;

  constructor(private readonly dataSource: DataSource) {
    this.recoverability = new RecoverabilityService(dataSource);
  }

  async overview(): Promise<RulesOverview> {
    const rules = await this.recoverability.activeRules();
    const lists = [rules.tradeAgreementPartners, rules.qualifyingAnnexes, rules.otherSubheadings];
    return {
      active: rules.version,
      unverified: {
        rules: rules.rules.filter((rule) => !rule.verified).map((rule) => ({
          id: rule.id, programs: rule.programs, provisions: rule.provisions, status: rule.status, reason: rule.reason,
          citation: rule.citation, note: rule.note ?? null,
        })),
        lists: lists.filter((list) => !list.verified).map((list) => ({ id: list.id, citation: list.citation, values: list.values })),
      },
      policyDefaults: rules.policyDefaults,
      versions: await ruleVersionSummaries(this.query),
    };
  }

  /** A stored version's document as it was loaded; null when no such version is stored. */
  document(version: string): Promise<unknown | null> {
    return ruleVersionDocument(this.query, version);
  }

  private readonly query = <T>(sql: string, parameters?: unknown[]): Promise<T[]> => this.dataSource.query(sql, parameters);
}
