import { formatHts, parseExportHts, parseHeading, parseHts10 } from './hts';

describe(parseHts10.name, () => {
  it('stores an HTS number written with or without dots as its ten digits', () => {
    expect(parseHts10('7308.90.9590')).toEqual({ ok: true, value: '7308909590' });
    expect(parseHts10('7308909590')).toEqual({ ok: true, value: '7308909590' });
  });

  it('rejects numbers that are not ten digits or not in Chapters 1–97', () => {
    for (const text of ['73089095', '9903880300', '0008909590', '7308.90.95A0']) expect(parseHts10(text).ok).toBe(false);
  });
});

describe(parseExportHts.name, () => {
  it('takes an export line\'s Schedule B number of Chapter 98, which an import line\'s HTS may not be (exports.csv: HTS / Schedule B)', () => {
    expect(parseExportHts('9880.00.0000')).toEqual({ ok: true, value: '9880000000' });
    expect(parseExportHts('7308909590')).toEqual({ ok: true, value: '7308909590' });
    expect(parseHts10('9880.00.0000').ok).toBe(false);
  });

  it('rejects numbers that are not ten digits, Chapter 99 and the non-chapter 00', () => {
    for (const text of ['73089095', '9903880300', '0008909590', '7308.90.95A0']) expect(parseExportHts(text).ok).toBe(false);
  });
});

describe(parseHeading.name, () => {
  it('takes eight- or ten-digit Chapter 99 headings', () => {
    expect(parseHeading('9903.88.03')).toEqual({ ok: true, value: '99038803' });
    expect(parseHeading('9903.8803').ok).toBe(true);
    expect(parseHeading('9903.88').ok).toBe(false);
  });

  it('takes Chapters 1–97 numbers, and refuses Chapter 98 and the non-chapter 00 (input-formats.md: Chapter 99 or Ch. 1–97)', () => {
    expect(parseHeading('7208.51.0030')).toEqual({ ok: true, value: '7208510030' });
    expect(parseHeading('0101.21.00')).toEqual({ ok: true, value: '01012100' });
    for (const text of ['9802.00.80', '9801.00.1012', '0000.00.00', '0012.34.56']) expect(parseHeading(text).ok).toBe(false);
  });
});

describe(formatHts.name, () => {
  it('writes digits back in the dotted form people read', () => {
    expect(formatHts('99038202')).toBe('9903.82.02');
    expect(formatHts('7308909590')).toBe('7308.90.9590');
  });
});
