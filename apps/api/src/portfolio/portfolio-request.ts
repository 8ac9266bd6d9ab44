import { parsePlainDate } from '@drawback/domain';
import { PolicySettings, SUPPORTED_POLICY_CHOICES } from '@drawback/rules';
import { ApiError, FieldProblem } from '../http/api-error';

/**
 * The choices of each policy setting a what-if may override: those the engine computes (the aggregate lesser-of is
 * an open question it refuses rather than guesses; rules §6).
 */
export const POLICY_CHOICES = SUPPORTED_POLICY_CHOICES;

export interface WhatIfRequest {
  asOf: string;
  rules?: Record<string, unknown>;
  policy: Partial<PolicySettings>;
}

const WHAT_IF_FIELDS = ['asOf', 'rules', 'policy'];

/** Today's date in UTC, as the command line takes it when no --as-of is given. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function readAsOf(raw: unknown, problems: FieldProblem[]): string {
  if (raw === undefined || raw === '') return today();
  if (typeof raw !== 'string') {
    problems.push({ field: 'asOf', message: 'must be a date YYYY-MM-DD' });
    return today();
  }
  const parsed = parsePlainDate(raw);
  if (!parsed.ok) problems.push({ field: 'asOf', message: parsed.message });
  return parsed.ok ? parsed.value : today();
}

/** `?asOf=YYYY-MM-DD`, today when absent (as `drawback portfolio` without --as-of). */
export function parseAsOf(raw: unknown): string {
  const problems: FieldProblem[] = [];
  const asOf = readAsOf(raw, problems);
  if (problems.length > 0) throw ApiError.validation(problems);
  return asOf;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readPolicy(raw: unknown, problems: FieldProblem[]): Partial<PolicySettings> {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    problems.push({ field: 'policy', message: `must be an object of settings (${Object.keys(POLICY_CHOICES).join(', ')})` });
    return {};
  }
  const policy: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const choices = (POLICY_CHOICES as Record<string, readonly string[]>)[key];
    if (!choices) problems.push({ field: `policy.${key}`, message: `is not a setting (known: ${Object.keys(POLICY_CHOICES).join(', ')})` });
    else if (typeof value !== 'string' || !choices.includes(value)) problems.push({ field: `policy.${key}`, message: `must be one of ${choices.join(', ')}` });
    else policy[key] = value;
  }
  return policy as Partial<PolicySettings>;
}

/**
 * The body of `POST /portfolio/what-if`, every bad field reported at once. The rule-data document is
 * only checked to be an object here: its content is the rules' to judge (422 RULE_DATA_INVALID).
 */
export function parseWhatIf(body: unknown): WhatIfRequest {
  const problems: FieldProblem[] = [];
  if (!isObject(body)) throw ApiError.validation([{ field: 'body', message: 'must be a JSON object { asOf, rules?, policy? }' }]);
  for (const field of Object.keys(body)) {
    if (!WHAT_IF_FIELDS.includes(field)) problems.push({ field, message: `is not a field (known: ${WHAT_IF_FIELDS.join(', ')})` });
  }
  const asOf = readAsOf(body.asOf, problems);
  const policy = readPolicy(body.policy, problems);
  if (body.rules !== undefined && !isObject(body.rules)) problems.push({ field: 'rules', message: 'must be a rule-data document (a JSON object)' });
  if (problems.length > 0) throw ApiError.validation(problems);
  return { asOf, policy, ...(isObject(body.rules) ? { rules: body.rules } : {}) };
}
