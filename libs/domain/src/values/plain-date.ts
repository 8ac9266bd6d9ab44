import { fail, ok, Parsed } from './parse-result';

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A calendar date `YYYY-MM-DD` (input-formats.md), kept as that text (no time zone can shift it). Checked
 * by arithmetic, not through Date, which reads the years 0000–0099 as 1900–1999 and so refused
 * 0026-05-10 as "not a calendar date". Year 0000 does not exist (1 BC precedes AD 1; PostgreSQL refuses it).
 */
export function parsePlainDate(text: string): Parsed<string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return fail(`"${text}" is not a date (YYYY-MM-DD)`);
  const [year, month, day] = match.slice(1).map((part) => Number.parseInt(part, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
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
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay}`;
}

/**
 * Whether `date` is later than "I + 5 years" of the import date I (§4): outside the five years. An
 * anniversary after the year 9999 has five digits and is later than every `YYYY-MM-DD` date, which text
 * comparison alone would not see ("9999-12-31" > "10001-01-10").
 */
export function isAfterFiveYears(date: string, importDate: string): boolean {
  const anniversary = fiveYearsAfter(importDate);
  return anniversary.length === date.length ? date > anniversary : date.length > anniversary.length;
}
