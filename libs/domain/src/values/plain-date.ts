import { fail, ok, Parsed } from './parse-result';

/** A calendar date `YYYY-MM-DD`, kept as that text (no time zone can shift it). */
export function parsePlainDate(text: string): Parsed<string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return fail(`"${text}" is not a date (YYYY-MM-DD)`);
  const [year, month, day] = match.slice(1).map((part) => Number.parseInt(part, 10));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail(`"${text}" is not a calendar date`);
  }
  return ok(text);
}

/**
 * "I + 5 years": the same month and day five years later, Feb 29 → Feb 28 (matching-and-estimates.md §4).
 * "Within 5 years" includes that anniversary itself (19 CFR 190.51(e)).
 */
export function fiveYearsAfter(date: string): string {
  const year = Number.parseInt(date.slice(0, 4), 10) + 5;
  const monthDay = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}
