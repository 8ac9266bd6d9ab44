import { designatedAmount, exactCents, lesserOfBase, refundOf } from './refund';

describe(lesserOfBase.name, () => {
  it('is the designated amount × min(1, export unit value ÷ import unit value) at full precision: 5.00 × 1/6 × 101 ÷ (1000/6) is 0.505 exactly, so 0.51', () => {
    const designated = designatedAmount('5.00', '1', '6');
    const base = lesserOfBase(designated, '101.00', '1', '1000.00', '6');
    expect(exactCents(designated)).toBe('0.83');
    expect(exactCents(base)).toBe('0.51');
    expect(exactCents(refundOf(base))).toBe('0.50');
  });

  it('rounds a base that is exactly half a cent up (0.05 × 1/6 × 1.00 ÷ (10.00/6) = 0.005)', () => {
    expect(exactCents(lesserOfBase(designatedAmount('0.05', '1', '6'), '1.00', '1', '10.00', '6'))).toBe('0.01');
  });

  it('keeps the designated amount when the export unit value is not lower (min 1)', () => {
    const designated = designatedAmount('5.00', '1', '6');
    expect(exactCents(lesserOfBase(designated, '500.00', '1', '1000.00', '6'))).toBe('0.83');
    expect(exactCents(lesserOfBase(designated, '1000.00', '6', '1000.00', '6'))).toBe('0.83');
  });
});

describe(refundOf.name, () => {
  it('is 99% of the unrounded base: 5.00 × 1/6 = 0.8333…, 99% of it 0.825 exactly, so 0.83', () => {
    expect(exactCents(refundOf(designatedAmount('5.00', '1', '6')))).toBe('0.83');
  });

  it('is 99% of the unrounded base, not of the rounded one: 0.02 × 1/4 = 0.005 designates 0.01 but refunds 0.00495, so 0.00', () => {
    const designated = designatedAmount('0.02', '1', '4');
    expect(exactCents(designated)).toBe('0.01');
    expect(exactCents(refundOf(designated))).toBe('0.00');
  });
});

describe(exactCents.name, () => {
  it('rounds half-up to cents, with two decimals always', () => {
    expect(exactCents(designatedAmount('0.10', '1', '4'))).toBe('0.03');
    expect(exactCents(designatedAmount('2.02', '1', '4'))).toBe('0.51');
    expect(exactCents(designatedAmount('100.01', '1', '3'))).toBe('33.34');
    expect(exactCents(designatedAmount('100.00', '1', '3'))).toBe('33.33');
    expect(exactCents(designatedAmount('0.00', '1', '3'))).toBe('0.00');
    expect(exactCents(designatedAmount('7.00', '2', '7'))).toBe('2.00');
  });

  it('decides a quotient a hair below a half cent by the fraction, not by the digits shown', () => {
    // 0.01 × (1/3 - 1e-30) is a hair below 0.00333…; 1.5 × 1/3 × 0.01 = 0.005 exactly rounds up.
    expect(exactCents(designatedAmount('0.01', '1.5', '3'))).toBe('0.01');
    expect(exactCents(designatedAmount('0.01', '1.499999999999999999999999', '3'))).toBe('0.00');
  });

  it('computes the amount of a quantity traced through manufacturing from its exact fraction (§2.1.4, §3): 3.03 × 1/3 ÷ 2 = 0.505, so 0.51', () => {
    expect(exactCents(designatedAmount('3.03', '1/3', '2'))).toBe('0.51');
    expect(exactCents(designatedAmount('3.03', '0.333333333333333333333333', '2'))).toBe('0.50');
  });
});
