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

  it('adds exactly, and gives the nearest decimal at a scale, half-up: 4/7 + 5/7 + 5/7 is 2', () => {
    const sevenths = ['4/7', '5/7', '5/7'].map(Fraction.parse);
    expect(sevenths.reduce((sum, f) => sum.plus(f), Fraction.ZERO).toString()).toBe('2/1');
    expect(Fraction.parse('4/7').toDecimal(24).toFixed()).toBe('0.571428571428571428571429');
    expect(Fraction.parse('9/7').toDecimal(24).toFixed()).toBe('1.285714285714285714285714');
    expect(Fraction.parse('1/8').toDecimal(2).toFixed()).toBe('0.13');
    expect(Fraction.parse('5/2').toDecimal(0).toFixed()).toBe('3');
    expect(Fraction.parse('-1/3').toDecimal(3).toFixed()).toBe('-0.333');
    expect(Fraction.min(Fraction.parse('1/3'), Fraction.parse('1/4')).toString()).toBe('1/4');
    expect([Fraction.ZERO.isPositive(), Fraction.ONE.isPositive()]).toEqual([false, true]);
  });

  it('refuses a zero denominator and text that is no fraction', () => {
    expect(() => Fraction.of(1n, 0n)).toThrow(RangeError);
    expect(() => Fraction.parse('1.5')).toThrow(RangeError);
  });
});
