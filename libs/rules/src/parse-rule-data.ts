import { DUTY_PROGRAMS, parseCountry, parsePlainDate } from '@drawback/domain';
import { REASONS_BY_STATUS } from './reason-codes';
import { CONDITIONS, PROVISIONS, RuleData, STAGES, Status, SUPPORTED_POLICY_CHOICES } from './rule-data';

const DIGITS8 = /^\d{8}$/;
/** A what-if tags under `what-if:<version>` in a transaction it rolls back; a stored version may not take such a name. */
export const WHAT_IF_VERSION_PREFIX = 'what-if:';
const STATUSES = ['recoverable', 'excluded', 'conditional'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** What a list's values must be to ever match: null when any string will do. */
type ValueCheck = ((value: string) => string | null) | null;

/** Trade Agreement Partners are compared with ISO country codes of the entry lines (rules §3.1, conditions 3 and 4). */
const countryCode: ValueCheck = (value) => (parseCountry(value).ok && value === value.toUpperCase() ? null : 'is not an ISO 3166-1 alpha-2 country code');
/** "Other" subheadings are compared with an HTS number's first 8 digits (rules §1, `otherSubheadings`). */
const subheading8: ValueCheck = (value) => (DIGITS8.test(value) ? null : 'is not an 8-digit HTS subheading (digits only)');

function checkList(value: unknown, where: string, problems: string[], valueCheck: ValueCheck = null): void {
  if (!isObject(value)) return void problems.push(`${where}: must be an object { id, values, citation, verified }`);
  if (typeof value.id !== 'string' || !value.id) problems.push(`${where}.id: must be a non-empty string`);
  if (!isStringArray(value.values)) problems.push(`${where}.values: must be a list of strings`);
  else if (valueCheck) {
    value.values.forEach((item, index) => {
      const problem = valueCheck(item);
      if (problem) problems.push(`${where}.values[${index}]: "${item}" ${problem}`);
    });
  }
  if (typeof value.citation !== 'string' || !value.citation) problems.push(`${where}.citation: must be a non-empty string`);
  if (typeof value.verified !== 'boolean') problems.push(`${where}.verified: must be true or false`);
}

function checkRule(rule: unknown, where: string, problems: string[], ids: Set<string>): void {
  if (!isObject(rule)) return void problems.push(`${where}: must be an object`);
  const oneOf = (field: string, allowed: readonly string[]) => {
    if (typeof rule[field] !== 'string' || !allowed.includes(rule[field] as string)) {
      problems.push(`${where}.${field}: must be one of ${allowed.join(', ')}`);
    }
  };
  if (typeof rule.id !== 'string' || !rule.id) problems.push(`${where}.id: must be a non-empty string`);
  else if (ids.has(rule.id)) problems.push(`${where}.id: ${rule.id} is used twice`);
  else ids.add(rule.id);
  oneOf('stage', STAGES);
  oneOf('condition', CONDITIONS);
  oneOf('status', STATUSES);
  if (!isStringArray(rule.programs) || rule.programs.some((p) => p !== '*' && !(DUTY_PROGRAMS as readonly string[]).includes(p))) {
    problems.push(`${where}.programs: must list programs (${DUTY_PROGRAMS.join(', ')}) or *`);
  }
  if (!isStringArray(rule.provisions) || rule.provisions.length === 0 || rule.provisions.some((p) => !(PROVISIONS as readonly string[]).includes(p))) {
    problems.push(`${where}.provisions: must list provisions (${PROVISIONS.join(', ')})`);
  }
  if (rule.headings !== undefined && (!Array.isArray(rule.headings) ||
      rule.headings.some((range) => !isObject(range) || !DIGITS8.test(String(range.from)) || !DIGITS8.test(String(range.to))))) {
    problems.push(`${where}.headings: must be a list of { from, to } 8-digit headings`);
  } else {
    // A range that ends before it starts matches no heading: the rule would be loaded and never apply.
    (rule.headings as Array<{ from: string; to: string }> | undefined)?.forEach((range, index) => {
      if (range.from > range.to) problems.push(`${where}.headings[${index}]: ${range.from} is after ${range.to}`);
    });
  }
  checkEntryDates(rule.entryDates, `${where}.entryDates`, problems);
  checkReason(rule, where, problems);
  if (typeof rule.citation !== 'string' || !rule.citation) problems.push(`${where}.citation: must be a non-empty string`);
  if (typeof rule.verified !== 'boolean') problems.push(`${where}.verified: must be true or false`);
  if (rule.note !== undefined && typeof rule.note !== 'string') problems.push(`${where}.note: must be a string when given`);
}

/** Entry dates: calendar dates or null (open), the first not after the last, else the rule never applies. */
function checkEntryDates(dates: unknown, where: string, problems: string[]): void {
  if (!isObject(dates) || ![dates.from, dates.to].every((d) => d === null || typeof d === 'string')) {
    return void problems.push(`${where}: must be { from, to }, each YYYY-MM-DD or null`);
  }
  let calendarDates = true;
  for (const end of ['from', 'to'] as const) {
    const parsed = dates[end] === null ? null : parsePlainDate(dates[end] as string);
    if (parsed && !parsed.ok) {
      problems.push(`${where}.${end}: ${parsed.message}`);
      calendarDates = false;
    }
  }
  if (calendarDates && dates.from !== null && dates.to !== null && (dates.from as string) > (dates.to as string)) {
    problems.push(`${where}: ${dates.from} is after ${dates.to}, so the rule would apply to no entry`);
  }
}

/** A rule's reason is one of the codes matching-and-estimates.md §5 gives for the rule's status. */
function checkReason(rule: Record<string, unknown>, where: string, problems: string[]): void {
  if (typeof rule.reason !== 'string' || !/^[A-Z0-9_]+$/.test(rule.reason)) return void problems.push(`${where}.reason: must be a reason code`);
  const allowed = REASONS_BY_STATUS[rule.status as Status];
  if (allowed && !allowed.includes(rule.reason)) {
    problems.push(`${where}.reason: ${rule.reason} is not a reason of status ${rule.status} (matching-and-estimates.md §5: ${allowed.join(', ')})`);
  }
}

/**
 * Reads a rule-data document (libs/rules/rule-data.schema.json), listing every problem at once, so that
 * a new version is refused whole rather than loaded half right.
 */
export function parseRuleData(document: unknown): { ok: true; data: RuleData } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(document)) return { ok: false, problems: ['the rule data must be a JSON object'] };
  if (typeof document.version !== 'string' || !document.version) problems.push('version: must be a non-empty string');
  else if (document.version.startsWith(WHAT_IF_VERSION_PREFIX)) {
    problems.push(`version: "${document.version}" begins with ${WHAT_IF_VERSION_PREFIX}, which names what-ifs while they are computed`);
  }
  if (!Array.isArray(document.rules) || document.rules.length === 0) problems.push('rules: must be a non-empty list');
  else {
    const ids = new Set<string>();
    document.rules.forEach((rule, index) => checkRule(rule, `rules[${index}]`, problems, ids));
  }
  checkList(document.tradeAgreementPartners, 'tradeAgreementPartners', problems, countryCode);
  checkList(document.qualifyingAnnexes, 'qualifyingAnnexes', problems);
  checkList(document.otherSubheadings, 'otherSubheadings', problems, subheading8);
  const policy = document.policyDefaults;
  if (!isObject(policy)) problems.push('policyDefaults: must be an object');
  else {
    // A default the engine refuses would load and then refuse every claim made without --policy: refused here.
    for (const [key, supported] of Object.entries(SUPPORTED_POLICY_CHOICES) as Array<[string, readonly string[]]>) {
      const value = policy[key];
      if (typeof value !== 'string') problems.push(`policyDefaults.${key}: must be one of ${supported.join(', ')}`);
      else if (!supported.includes(value)) problems.push(`policyDefaults.${key}: "${value}" is not supported; supported values are ${supported.join(', ')}`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, data: document as unknown as RuleData };
}
