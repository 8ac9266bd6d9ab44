import Decimal from 'decimal.js';
import { TraceDec, exactText } from '../values/decimal';
import { ImportLineStock, OrderTake, ProductionOrderStock, ReceiptStock } from './designation-types';

/**
 * What is left to designate while one claim is designated (matching-and-estimates.md §2.4): a receipt
 * never gives more than is left of it nor of its import line; an order's output is consumed as exports
 * take it. Quantities stay exact decimals.
 */
export class StockLedger {
  private readonly lineLeft = new Map<string, Decimal>();
  private readonly receiptLeft = new Map<string, Decimal>();
  private readonly orderLeft = new Map<string, Decimal>();
  readonly orderTakes: OrderTake[] = [];

  constructor(lines: readonly ImportLineStock[], receipts: readonly ReceiptStock[], orders: readonly ProductionOrderStock[]) {
    for (const line of lines) this.lineLeft.set(line.entryLineId, new TraceDec(line.available));
    for (const receipt of receipts) this.receiptLeft.set(receipt.receiptId, new TraceDec(receipt.available));
    for (const order of orders) this.orderLeft.set(order.orderId, new TraceDec(order.available));
  }

  availableOfLine(entryLineId: string): Decimal {
    return this.lineLeft.get(entryLineId) ?? new TraceDec(0);
  }

  availableOfReceipt(receipt: ReceiptStock): Decimal {
    return TraceDec.min(this.receiptLeft.get(receipt.receiptId) ?? new TraceDec(0), this.availableOfLine(receipt.entryLineId));
  }

  availableOfOrder(orderId: string): Decimal {
    return this.orderLeft.get(orderId) ?? new TraceDec(0);
  }

  takeFromLine(entryLineId: string, quantity: Decimal): void {
    this.lineLeft.set(entryLineId, this.availableOfLine(entryLineId).minus(quantity));
  }

  takeFromReceipt(receipt: ReceiptStock, quantity: Decimal): void {
    this.receiptLeft.set(receipt.receiptId, (this.receiptLeft.get(receipt.receiptId) ?? new TraceDec(0)).minus(quantity));
    this.takeFromLine(receipt.entryLineId, quantity);
  }

  takeFromOrder(orderId: string, quantity: Decimal): void {
    this.orderLeft.set(orderId, this.availableOfOrder(orderId).minus(quantity));
    this.orderTakes.push({ orderId, quantity: exactText(quantity) });
  }
}
