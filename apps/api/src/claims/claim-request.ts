import { ClaimRequest, claimRequestProblems } from '@drawback/application';
import { parsePlainDate } from '@drawback/domain';
import { PROVISIONS } from '@drawback/rules';
import { ApiError, FieldProblem } from '../http/api-error';

const FIELDS = ['provision', 'exports', 'from', 'to', 'asOf', 'policy', 'claimant'];
const MAX_EXPORTS = 100_000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Today's date in UTC, the as-of date `drawback claim create` takes without --as-of. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function readDate(field: string, raw: unknown, problems: FieldProblem[]): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') {
    problems.push({ field, message: 'must be a date YYYY-MM-DD' });
    return undefined;
  }
  const parsed = parsePlainDate(raw);
  if (!parsed.ok) problems.push({ field, message: parsed.message });
  return parsed.ok ? parsed.value : undefined;
}

function readExports(raw: unknown, problems: FieldProblem[]): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_EXPORTS) {
    problems.push({ field: 'exports', message: `must be a list of 1 to ${MAX_EXPORTS} export ids or ID/LINE` });
    return undefined;
  }
  raw.forEach((ref, index) => {
    if (typeof ref !== 'string' || ref.trim() === '') problems.push({ field: `exports[${index}]`, message: 'must be an export id or ID/LINE' });
  });
  return raw.filter((ref): ref is string => typeof ref === 'string').map((ref) => ref.trim());
}

function readPolicy(raw: unknown, problems: FieldProblem[]): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    problems.push({ field: 'policy', message: 'must be an object of settings, e.g. { "s232_identification": "lot_or_heat" }' });
    return undefined;
  }
  const policy: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') {
      problems.push({ field: `policy.${key}`, message: 'must be a string' });
      continue;
    }
    // Settings and values the engine knows, with the other fields' problems: every bad field in one answer.
    const unknown = claimRequestProblems({ provision: PROVISIONS[0], policy: { [key]: value } });
    for (const message of unknown) problems.push({ field: `policy.${key}`, message });
    policy[key] = value;
  }
  return policy;
}

/**
 * The body of `POST /claims`, every bad field reported at once (400), policy settings the engine does not
 * know or support among them. What the fields name in the data — exports that exist and are unclaimed — is
 * checked by the claim service (422).
 */
export function parseClaimRequest(body: unknown): ClaimRequest {
  if (!isObject(body)) {
    throw ApiError.validation([{ field: 'body', message: 'must be a JSON object { provision, exports?, from?, to?, asOf?, policy?, claimant? }' }]);
  }
  const problems: FieldProblem[] = [];
  for (const field of Object.keys(body)) {
    if (!FIELDS.includes(field)) problems.push({ field, message: `is not a field (known: ${FIELDS.join(', ')})` });
  }
  const { provision, claimant } = body;
  if (typeof provision !== 'string' || !(PROVISIONS as readonly string[]).includes(provision)) {
    problems.push({ field: 'provision', message: `is required, one of ${PROVISIONS.join(', ')}` });
  }
  if (claimant !== undefined && claimant !== null && (typeof claimant !== 'string' || claimant.trim() === '')) {
    problems.push({ field: 'claimant', message: 'must be an importer number' });
  }
  const exports = readExports(body.exports, problems);
  const from = readDate('from', body.from, problems);
  const to = readDate('to', body.to, problems);
  const asOf = readDate('asOf', body.asOf, problems) ?? today();
  if (from && to && from > to) problems.push({ field: 'to', message: `is before from (${from})` });
  const policy = readPolicy(body.policy, problems);
  if (problems.length > 0) throw ApiError.validation(problems);
  return {
    provision: provision as string, asOf,
    ...(exports ? { exports } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(policy ? { policy } : {}),
    ...(typeof claimant === 'string' ? { claimant: claimant.trim() } : {}),
  };
}
