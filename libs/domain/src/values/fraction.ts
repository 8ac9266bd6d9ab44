import Decimal from 'decimal.js';

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/**
 * An exact, non-negative rational quantity in lowest terms. A quantity traced through manufacturing is
 * exact (matching-and-estimates.md §2.1.4: x × input / output at every level) even where its decimal does
 * not terminate: 1 of an output of 3 made from 1 is 1/3. The ledger holds its decimal (24 places, so that
 * takes add up); amounts are computed from the fraction (§3 "full precision").
 */
export class Fraction {
  private constructor(readonly numerator: bigint, readonly denominator: bigint) {}

  static of(numerator: bigint, denominator: bigint): Fraction {
    if (denominator <= 0n) throw new RangeError(`a fraction needs a positive denominator, not ${denominator}`);
    const divisor = gcd(numerator, denominator) || 1n;
    return new Fraction(numerator / divisor, denominator / divisor);
  }

  /** The exact value of a finite decimal ("12.345" is 12345/1000). */
  static fromDecimal(value: Decimal.Value): Fraction {
    const text = new Decimal(value).toFixed();
    const [whole, decimals = ''] = text.split('.');
    return Fraction.of(BigInt(whole + decimals), 10n ** BigInt(decimals.length));
  }

  static readonly ZERO = new Fraction(0n, 1n);
  static readonly ONE = new Fraction(1n, 1n);

  static min(a: Fraction, b: Fraction): Fraction {
    return a.lte(b) ? a : b;
  }

  plus(other: Fraction): Fraction {
    if (this.denominator === other.denominator) return Fraction.of(this.numerator + other.numerator, this.denominator);
    return Fraction.of(this.numerator * other.denominator + other.numerator * this.denominator, this.denominator * other.denominator);
  }

  isPositive(): boolean {
    return this.numerator > 0n;
  }

  /**
   * The decimal nearest the fraction at `places` decimal places, half away from zero (half-up for the
   * quantities the ledger counts): exact when the fraction terminates within them.
   */
  toDecimal(places: number): Decimal {
    const scale = 10n ** BigInt(places);
    const magnitude = this.numerator < 0n ? -this.numerator : this.numerator;
    const scaled = magnitude * scale;
    let units = scaled / this.denominator;
    if ((scaled % this.denominator) * 2n >= this.denominator) units += 1n;
    const text = units.toString().padStart(places + 1, '0');
    const digits = places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`;
    return new Decimal(this.numerator < 0n ? `-${digits}` : digits);
  }

  times(other: Fraction): Fraction {
    return Fraction.of(this.numerator * other.numerator, this.denominator * other.denominator);
  }

  div(other: Fraction): Fraction {
    if (other.numerator === 0n) throw new RangeError('division of a fraction by zero');
    const sign = other.numerator < 0n ? -1n : 1n;
    return Fraction.of(this.numerator * other.denominator * sign, this.denominator * other.numerator * sign);
  }

  minus(other: Fraction): Fraction {
    return Fraction.of(this.numerator * other.denominator - other.numerator * this.denominator, this.denominator * other.denominator);
  }

  equals(other: Fraction): boolean {
    return this.numerator === other.numerator && this.denominator === other.denominator;
  }

  lte(other: Fraction): boolean {
    return this.numerator * other.denominator <= other.numerator * this.denominator;
  }

  /** True when the fraction is a decimal of at most `places` places (its denominator divides 10^places). */
  terminatesWithin(places: number): boolean {
    return (10n ** BigInt(places)) % this.denominator === 0n;
  }

  /** `numerator/denominator`, the form the ledger keeps it in. */
  toString(): string {
    return `${this.numerator}/${this.denominator}`;
  }

  /** Reads `numerator/denominator` as written by toString. */
  static parse(text: string): Fraction {
    const match = /^(-?\d+)\/(\d+)$/.exec(text);
    if (!match) throw new RangeError(`"${text}" is not a fraction`);
    return Fraction.of(BigInt(match[1]), BigInt(match[2]));
  }
}
