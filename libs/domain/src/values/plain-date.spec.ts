import { fiveYearsAfter, parsePlainDate } from './plain-date';
import { parseCountry } from './country';

describe(parsePlainDate.name, () => {
  it('accepts calendar dates written YYYY-MM-DD', () => {
    expect(parsePlainDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('rejects impossible dates and other formats', () => {
    for (const text of ['2025-02-29', '2026-13-01', '2026-6-1', '06/15/2026']) expect(parsePlainDate(text).ok).toBe(false);
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
});
