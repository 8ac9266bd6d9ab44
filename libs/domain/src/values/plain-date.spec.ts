import { fiveYearsAfter, isAfterFiveYears, parsePlainDate } from './plain-date';
import { parseCountry } from './country';

describe(parsePlainDate.name, () => {
  it('accepts calendar dates written YYYY-MM-DD', () => {
    expect(parsePlainDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('rejects impossible dates and other formats', () => {
    for (const text of ['2025-02-29', '2026-13-01', '2026-6-1', '06/15/2026']) expect(parsePlainDate(text).ok).toBe(false);
  });

  it('accepts every YYYY-MM-DD calendar date, the years 0001–0099 included (Date would read them as 1901–1999)', () => {
    for (const text of ['0001-01-01', '0026-05-10', '0096-02-29', '1900-02-28', '2000-02-29']) {
      expect(parsePlainDate(text)).toEqual({ ok: true, value: text });
    }
  });

  it('rejects year 0000, day 0, month 0 and Feb 29 of a year that has none', () => {
    for (const text of ['0000-01-01', '2026-05-00', '2026-00-10', '1900-02-29', '0100-02-29', '2026-04-31']) {
      expect(parsePlainDate(text)).toEqual({ ok: false, message: `"${text}" is not a calendar date` });
    }
  });
});

describe(parseCountry.name, () => {
  it('accepts ISO 3166-1 alpha-2 codes', () => {
    expect(parseCountry('DE')).toEqual({ ok: true, value: 'DE' });
    expect(parseCountry('XX').ok).toBe(false);
  });

  it('takes UN (unknown) only in melt, smelt and cast columns, and N (none) only for the secondary smelt', () => {
    expect(parseCountry('UN').ok).toBe(false);
    expect(parseCountry('UN', 'metal-country').ok).toBe(true);
    expect(parseCountry('N', 'metal-country').ok).toBe(false);
    expect(parseCountry('N', 'secondary-smelt-country').ok).toBe(true);
  });
});

describe(fiveYearsAfter.name, () => {
  it('is the same month and day five years later', () => {
    expect(fiveYearsAfter('2026-03-20')).toBe('2031-03-20');
  });

  it('moves Feb 29 to Feb 28 when the fifth year has none', () => {
    expect(fiveYearsAfter('2024-02-29')).toBe('2029-02-28');
  });

  it('writes the year with four digits, as every date is compared as YYYY-MM-DD text', () => {
    expect(fiveYearsAfter('0026-05-10')).toBe('0031-05-10');
  });
});

describe(isAfterFiveYears.name, () => {
  it('is true only after the anniversary, which itself is within (19 CFR 190.51(e))', () => {
    expect(isAfterFiveYears('2029-02-28', '2024-02-29')).toBe(false);
    expect(isAfterFiveYears('2029-03-01', '2024-02-29')).toBe(true);
  });

  it('is never true for an import whose anniversary falls after the year 9999', () => {
    expect(fiveYearsAfter('9996-01-10')).toBe('10001-01-10');
    expect(isAfterFiveYears('9999-12-31', '9996-01-10')).toBe(false);
  });
});
