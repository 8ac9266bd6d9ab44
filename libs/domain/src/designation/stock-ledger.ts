import Decimal from 'decimal.js';
import { INTERMEDIATE_QUANTITY_DECIMALS, TRACED_QUANTITY_DECIMALS, TraceDec, exactText } from '../values/decimal';
import { Fraction } from '../values/fraction';
import { ImportLineStock, OrderTake, ProductionOrderStock, ReceiptStock } from './designation-types';

/**
 * What is left of one import line, receipt or order output: exactly (§2.1.4: quantities traced through
 * manufacturing are kept exact), and as the decimal the database's ledger counts at a fixed scale.
 */
class Left {
  constructor(public exact: Fraction, public decimal: Decimal, private readonly places: number) {}

  static of(stock: { available: string; availableExact?: string }, places: number): Left {
    const exact = stock.availableExact === undefined ? Fraction.fromDecimal(stock.available) : Fraction.parse(stock.availableExact);
    return new Left(exact, new TraceDec(stock.available), places);
  }

  /**
   * The decimal a take of exactly `take` counts in the ledger: the take rounded half-up at the scale (0.3 KG counts
   * 0.3, 4/7 KG 0.571…429) — never more than is left of the counter's decimal nor than `cap` (what another counter
   * the take also draws on has left), so that the database never counts more than a quantity: the last take of 4/7,
   * 5/7 and 5/7 of 2 KG counts what the others left (…285). What is left is read exactly, not from the decimals, so
   * no take is cut short by their rounding. Null when it would count nothing (a take smaller than the scale).
   */
  decimalOf(take: Fraction, cap: Decimal | null = null): Decimal | null {
    let counted: Decimal = TraceDec.min(new TraceDec(take.toDecimal(this.places)), this.decimal);
    if (cap !== null && counted.gt(cap)) counted = cap;
    return counted.gt(0) ? counted : null;
  }

  take(exact: Fraction, decimal: Decimal): void {
    this.exact = this.exact.minus(exact);
    this.decimal = this.decimal.minus(decimal);
  }
}

const NOTHING_LEFT = () => Left.of({ available: '0' }, TRACED_QUANTITY_DECIMALS);

/**
 * What is left to designate while one claim is designated (matching-and-estimates.md §2.4): a receipt
 * never gives more than is left of it nor of its import line; an order's output is consumed as exports
 * take it. Takes are exact fractions and what is left is exact; each take is also counted as the decimal the
 * database keeps (24 places for an import line and a receipt, 36 for an order's output).
 */
export class StockLedger {
  private readonly lineLeft = new Map<string, Left>();
  private readonly receiptLeft = new Map<string, Left>();
  private readonly orderLeft = new Map<string, Left>();
  readonly orderTakes: OrderTake[] = [];

  constructor(lines: readonly ImportLineStock[], receipts: readonly ReceiptStock[], orders: readonly ProductionOrderStock[]) {
    for (const line of lines) this.lineLeft.set(line.entryLineId, Left.of(line, TRACED_QUANTITY_DECIMALS));
    for (const receipt of receipts) this.receiptLeft.set(receipt.receiptId, Left.of(receipt, TRACED_QUANTITY_DECIMALS));
    for (const order of orders) this.orderLeft.set(order.orderId, Left.of(order, INTERMEDIATE_QUANTITY_DECIMALS));
  }

  private line(entryLineId: string): Left {
    let left = this.lineLeft.get(entryLineId);
    if (!left) this.lineLeft.set(entryLineId, (left = NOTHING_LEFT()));
    return left;
  }

  private receipt(receipt: ReceiptStock): Left {
    let left = this.receiptLeft.get(receipt.receiptId);
    if (!left) this.receiptLeft.set(receipt.receiptId, (left = NOTHING_LEFT()));
    return left;
  }

  availableOfLine(entryLineId: string): Fraction {
    return this.line(entryLineId).exact;
  }

  availableOfReceipt(receipt: ReceiptStock): Fraction {
    return Fraction.min(this.receipt(receipt).exact, this.availableOfLine(receipt.entryLineId));
  }

  availableOfOrder(orderId: string): Fraction {
    return this.orderLeft.get(orderId)?.exact ?? Fraction.ZERO;
  }

  /** Takes exactly `quantity` of an import line (substitution); the decimal the ledger counts, or null when none. */
  takeFromLine(entryLineId: string, quantity: Fraction): Decimal | null {
    const line = this.line(entryLineId);
    const counted = line.decimalOf(quantity, line.decimal);
    if (counted !== null) line.take(quantity, counted);
    return counted;
  }

  /** Takes exactly `quantity` of a receipt and so of its import line; the decimal the ledger counts, or null when none. */
  takeFromReceipt(receipt: ReceiptStock, quantity: Fraction): Decimal | null {
    const line = this.line(receipt.entryLineId);
    const left = this.receipt(receipt);
    const counted = left.decimalOf(quantity, TraceDec.min(left.decimal, line.decimal));
    if (counted === null) return null;
    left.take(quantity, counted);
    line.take(quantity, counted);
    return counted;
  }

  /** Takes exactly `quantity` of an order's output; false when it would count nothing. */
  takeFromOrder(orderId: string, quantity: Fraction): boolean {
    const left = this.orderLeft.get(orderId);
    const counted = left?.decimalOf(quantity, left.decimal) ?? null;
    if (!left || counted === null) return false;
    left.take(quantity, counted);
    this.orderTakes.push({ orderId, quantity: exactText(counted), ...(quantity.equals(Fraction.fromDecimal(counted)) ? {} : { exactQuantity: quantity.toString() }) });
    return true;
  }
}
