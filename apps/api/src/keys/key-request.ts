import { ApiKeyRequest, ApiKeyRequestError, keyRequestProblems } from '@drawback/application';
import { ApiError, FieldProblem } from '../http/api-error';

const FIELDS = ['name', 'role', 'claimants'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A key problem starts with the field it is about: `name …`, `role …`, `claimants …`, `claimant "…" …`. */
export function keyProblem(problem: string): FieldProblem {
  const field = /^(name|role|claimants?)\b/.exec(problem)?.[1];
  return { field: field === 'claimant' ? 'claimants' : field ?? '(key)', message: problem };
}

/**
 * The body of `POST /keys`, every problem reported at once (interfaces.md: validation errors list every
 * field). A field that is not name, role or claimants makes it 400 VALIDATION_FAILED, which lists the bad
 * values beside it (as POST /claims does); bad values alone are 422 KEY_REQUEST_INVALID.
 */
export function parseKeyRequest(body: unknown): ApiKeyRequest {
  if (!isObject(body)) throw ApiError.validation([{ field: 'body', message: 'must be a JSON object { name, role, claimants }' }]);
  // A misspelt field must not be dropped silently.
  const unknown: FieldProblem[] = Object.keys(body)
    .filter((field) => !FIELDS.includes(field))
    .map((field) => ({ field, message: `is not a field (known: ${FIELDS.join(', ')})` }));
  const request = { name: body.name as string, role: body.role as string, claimants: body.claimants as string[] };
  const problems = keyRequestProblems(request);
  if (unknown.length > 0) throw ApiError.validation([...unknown, ...problems.map(keyProblem)]);
  if (problems.length > 0) throw new ApiKeyRequestError(problems);
  return request;
}
