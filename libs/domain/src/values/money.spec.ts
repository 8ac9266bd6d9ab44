import { Dec, exactText, toCents } from './decimal';
import { parseMoney, parseQuantity, parseRate } from './money';

/** Every string of the given digits and shapes: leading zeros, trailing zeros, signs, with and without a point. */
function decimalStrings(signs: string[], fractionDigits: number): string[] {
  const wholes = ['0', '00', '7', '007', '10', '100', '1234567890123456'.slice(0, 16)];
  const fractions = ['', ...['0', '5', '05', '50', '00', '123456', '000001', '100000'].filter((f) => f.length <= fractionDigits)];
  return signs.flatMap((sign) => wholes.flatMap((whole) => fractions.map((fraction) => `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`)));
}

describe(parseMoney.name, () => {
  it('reads USD with at most two decimals and writes it with exactly two', () => {
    expect(parseMoney('1234.5', 'positive')).toEqual({ ok: true, value: '1234.50' });
    expect(parseMoney('0', 'non-negative')).toEqual({ ok: true, value: '0.00' });
  });

  it('rejects exponent notation, three decimals, separators and words', () => {
    for (const text of ['1e3', '1.234', '1,000.00', 'abc', '']) expect(parseMoney(text, 'non-negative').ok).toBe(false);
  });

  it('rejects zero where the amount must be positive and negatives everywhere', () => {
    expect(parseMoney('0.00', 'positive').ok).toBe(false);
    expect(parseMoney('-1.00', 'non-negative').ok).toBe(false);
    expect(parseMoney('-0.01', 'non-negative').ok).toBe(false);
  });

  it('writes exactly what decimal.js half-up to cents writes, leading zeros and all; negative zero is zero', () => {
    for (const text of decimalStrings(['', '-'], 2)) {
      const value = new Dec(text);
      if (value.isNeg() && !value.isZero()) continue;
      expect({ text, canonical: parseMoney(text, 'non-negative') }).toEqual({ text, canonical: { ok: true, value: toCents(value.abs()) } });
    }
  });
});

describe('the numbers the columns hold (numeric(18,2) amounts, numeric(24,6) quantities)', () => {
  it('says an amount or quantity too large has too many digits, not that it is no amount or quantity', () => {
    expect(parseMoney('9999999999999999.99', 'positive').ok).toBe(true);
    expect(parseMoney('99999999999999999.99', 'positive')).toEqual({ ok: false, message: '"99999999999999999.99" has more than 16 digits before the decimal point' });
    expect(parseQuantity('999999999999999999.5').ok).toBe(true);
    expect(parseQuantity('9999999999999999999')).toEqual({ ok: false, message: '"9999999999999999999" has more than 18 digits before the decimal point' });
    expect(parseMoney('99999999999999999.999', 'positive')).toEqual({ ok: false, message: '"99999999999999999.999" is not a USD amount (digits, at most 2 decimals, no exponent)' });
  });
});

describe(parseQuantity.name, () => {
  it('reads up to six decimals exactly, greater than zero', () => {
    expect(parseQuantity('0.000001')).toEqual({ ok: true, value: '0.000001' });
    expect(parseQuantity('25000')).toEqual({ ok: true, value: '25000' });
  });

  it('rejects seven decimals, zero and negative quantities', () => {
    for (const text of ['0.0000001', '0', '000.000', '-5']) expect(parseQuantity(text).ok).toBe(false);
  });

  it('writes exactly the digits decimal.js writes: no leading zeros, no trailing fractional zeros', () => {
    for (const text of decimalStrings([''], 6).filter((t) => !new Dec(t).isZero())) {
      expect({ text, canonical: parseQuantity(text) }).toEqual({ text, canonical: { ok: true, value: exactText(new Dec(text)) } });
    }
  });
});

describe(parseRate.name, () => {
  it('reads a percent as a decimal string', () => {
    expect(parseRate('2.5')).toEqual({ ok: true, value: '2.5' });
    expect(parseRate('25%').ok).toBe(false);
    expect(parseRate('025.50')).toEqual({ ok: true, value: '25.5' });
    expect(parseRate('0.0')).toEqual({ ok: true, value: '0' });
  });

  it('takes any number of decimals (input-formats.md bounds money and quantities, not rates): trailing zeros change nothing', () => {
    expect(parseRate('25.000000')).toEqual({ ok: true, value: '25' });
    expect(parseRate('0.346400')).toEqual({ ok: true, value: '0.3464' });
    expect(parseRate('0.34645')).toEqual({ ok: true, value: '0.34645' });
    expect(parseRate('100000')).toEqual({ ok: true, value: '100000' });
    expect(parseRate(`1.${'0'.repeat(5000)}`)).toEqual({ ok: true, value: '1' });
    for (const text of ['-1', '+1', '1e2', '.5', '5.', '1,5', ' ']) expect(parseRate(text).ok).toBe(false);
    expect(parseRate(`0.${'1'.repeat(1001)}`)).toMatchObject({ ok: false, message: expect.stringMatching(/more than 1000 digits/) });
  });
});
