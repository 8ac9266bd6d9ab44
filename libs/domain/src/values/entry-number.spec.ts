import { entryCheckDigit, parseEntryNumber } from './entry-number';

describe(parseEntryNumber.name, () => {
  it('accepts an entry number whose mod-10 check digit matches (ABC-1234567-6)', () => {
    expect(parseEntryNumber('ABC-1234567-6')).toEqual({ ok: true, value: 'ABC-1234567-6' });
  });

  it('rejects a wrong check digit and says which one was expected', () => {
    const parsed = parseEntryNumber('ABC-1234567-0');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain('expected 6');
  });

  it('takes the dashes as optional and writes the number with them', () => {
    expect(parseEntryNumber('ABC12345676')).toEqual({ ok: true, value: 'ABC-1234567-6' });
  });

  it('rejects a number of the wrong shape', () => {
    expect(parseEntryNumber('AB-1234567-6').ok).toBe(false);
    expect(parseEntryNumber('ABC-123456-6').ok).toBe(false);
  });
});

describe(entryCheckDigit.name, () => {
  it('values letters A–I and J–R as 1–9 and S–Z as 2–9, doubling positions 2, 4, 6, 8 and 10', () => {
    expect(entryCheckDigit('EX10000001')).toBe(7);
    expect(entryCheckDigit('EX20000001')).toBe(6);
    expect(entryCheckDigit('EX30000001')).toBe(5);
    // J = 1; R = 9, doubled 18 → 1 + 8 = 9; S = 2: sum 12, check 8.
    expect(entryCheckDigit('JRS0000000')).toBe(8);
  });
});
