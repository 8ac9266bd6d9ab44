import { parseMoney, parseQuantity, parseRate } from './money';

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
  });
});

describe(parseQuantity.name, () => {
  it('reads up to six decimals exactly, greater than zero', () => {
    expect(parseQuantity('0.000001')).toEqual({ ok: true, value: '0.000001' });
    expect(parseQuantity('25000')).toEqual({ ok: true, value: '25000' });
  });

  it('rejects seven decimals, zero and negative quantities', () => {
    for (const text of ['0.0000001', '0', '-5']) expect(parseQuantity(text).ok).toBe(false);
  });
});

describe(parseRate.name, () => {
  it('reads a percent as a decimal string', () => {
    expect(parseRate('2.5')).toEqual({ ok: true, value: '2.5' });
    expect(parseRate('25%').ok).toBe(false);
  });
});
