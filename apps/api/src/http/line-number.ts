import { ApiError } from './api-error';

/** `:line` of a route: a line number. */
export function parseLineNumber(raw: string, field = 'line'): number {
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw ApiError.validation([{ field, message: 'must be a line number (1 or more)' }]);
  return Number.parseInt(raw, 10);
}
