import { Fraction } from './fraction';

describe(Fraction.name, () => {
  it('reads a finite decimal exactly and keeps lowest terms', () => {
    expect(Fraction.fromDecimal('12.340').toString()).toBe('617/50');
    expect(Fraction.fromDecimal('0').toString()).toBe('0/1');
    expect(Fraction.of(6n, 4n).toString()).toBe('3/2');
  });

  it('multiplies, divides and subtracts exactly: 1 × 1/3 of an output, three times, is the whole input', () => {
    const third = Fraction.fromDecimal('1').times(Fraction.fromDecimal('1')).div(Fraction.fromDecimal('3'));
    expect(third.toString()).toBe('1/3');
    expect(Fraction.fromDecimal('1').minus(third).minus(third).minus(third).toString()).toBe('0/1');
  });

  it('compares and tells a terminating decimal from a non-terminating one', () => {
    expect(Fraction.parse('1/3').lte(Fraction.fromDecimal('0.333333333333333333333334'))).toBe(true);
    expect(Fraction.parse('1/3').lte(Fraction.fromDecimal('0.333333333333333333333333'))).toBe(false);
    expect(Fraction.parse('1/3').equals(Fraction.of(2n, 6n))).toBe(true);
    expect(Fraction.parse('1/8').terminatesWithin(3)).toBe(true);
    expect(Fraction.parse('1/3').terminatesWithin(24)).toBe(false);
  });

  it('refuses a zero denominator and text that is no fraction', () => {
    expect(() => Fraction.of(1n, 0n)).toThrow(RangeError);
    expect(() => Fraction.parse('1.5')).toThrow(RangeError);
  });
});
