import { PageRequest } from '@drawback/persistence';
import { ApiError, FieldProblem } from './api-error';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** `?limit&offset` checked together, every problem reported. */
export function parsePage(limit: string | undefined, offset: string | undefined): PageRequest {
  const problems: FieldProblem[] = [];
  const whole = (field: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined || raw === '') return fallback;
    if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push({ field, message: `must be a whole number from ${min} to ${max}` });
      return fallback;
    }
    return Number.parseInt(raw, 10);
  };
  const page = { limit: whole('limit', limit, DEFAULT_LIMIT, 1, MAX_LIMIT), offset: whole('offset', offset, 0, 0, 999_999_999) };
  if (problems.length > 0) throw ApiError.validation(problems);
  return page;
}
