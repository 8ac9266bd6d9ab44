import { TRACED_QUANTITY_DECIMALS, exactText } from '../values/decimal';
import { Fraction } from '../values/fraction';
import { isAfterFiveYears } from '../values/plain-date';
import {
  Designation, ExportLineFacts, ImportLineStock, ProductionOrderStock, ReceiptStock, UnmatchedReason,
} from './designation-types';
import { StockLedger } from './stock-ledger';

/** Everything direct identification looks at, indexed once per claim. */
export interface Inventory {
  lines: Map<string, ImportLineStock>;
  receiptsByLot: Map<string, ReceiptStock[]>;
  ordersByOutputLot: Map<string, ProductionOrderStock[]>;
}

/** One export line being traced: the first reason met while looking at candidates is kept (§2.3). */
export interface TraceContext {
  export: ExportLineFacts;
  ledger: StockLedger;
  inventory: Inventory;
  designations: Designation[];
  firstReason: UnmatchedReason | null;
}

const note = (context: TraceContext, reason: UnmatchedReason) => {
  context.firstReason ??= reason;
};

/** FIFO order of receipts: import date, entry number, line number, then their order in lots.csv (§2.3). */
export function fifoOrder(lines: Map<string, ImportLineStock>) {
  return (a: ReceiptStock, b: ReceiptStock): number => {
    const la = lines.get(a.entryLineId)!;
    const lb = lines.get(b.entryLineId)!;
    if (la.importDate !== lb.importDate) return la.importDate < lb.importDate ? -1 : 1;
    if (la.entryNumber !== lb.entryNumber) return la.entryNumber < lb.entryNumber ? -1 : 1;
    if (la.lineNumber !== lb.lineNumber) return la.lineNumber - lb.lineNumber;
    return a.sequence - b.sequence;
  };
}

/**
 * At a lot that holds receipts (§2.1 step 3): the candidates are its receipts, narrowed to the heat when
 * one is given; one import line among them makes the method `lot` (`heat` when the heat narrowed them),
 * ACE code 01; several make it `fifo`, code 02 — decided before time limits and what is left apply.
 * Candidates are taken oldest first, each up to what is left, skipping those outside the time limits.
 * `consumedOn` is the production date of the order consuming the lot (null for an export of the lot).
 * `need` is exact (§2.1.4); returns the exact quantity traced, in the import line's unit.
 */
export function takeFromReceipts(
  context: TraceContext, lotId: string, heatNumber: string | null, need: Fraction, uom: string, consumedOn: string | null, path: string[],
): Fraction {
  const all = context.inventory.receiptsByLot.get(lotId) ?? [];
  const candidates = heatNumber === null ? all : all.filter((receipt) => receipt.heatNumber === heatNumber);
  if (candidates.length === 0) {
    note(context, 'LOT_NOT_FOUND');
    return Fraction.ZERO;
  }
  const single = new Set(candidates.map((receipt) => receipt.entryLineId)).size === 1;
  const method = single ? (heatNumber === null ? 'lot' : 'heat') : 'fifo';
  const exportDate = context.export.exportDate;
  let left = need;
  for (const receipt of [...candidates].sort(fifoOrder(context.inventory.lines))) {
    if (!left.isPositive()) break;
    const line = context.inventory.lines.get(receipt.entryLineId)!;
    if (line.uom !== uom) note(context, 'UOM_MISMATCH');
    else if (consumedOn !== null && consumedOn < line.importDate) note(context, 'TRACE_DATES_INCONSISTENT');
    else if (isAfterFiveYears(exportDate, line.importDate)) note(context, 'EXPORT_AFTER_5_YEARS');
    else if (exportDate < line.importDate) note(context, 'EXPORT_BEFORE_IMPORT');
    else {
      const take = Fraction.min(left, context.ledger.availableOfReceipt(receipt));
      if (!take.isPositive()) continue;
      const counted = context.ledger.takeFromReceipt(receipt, take);
      if (counted === null) continue;
      left = left.minus(take);
      context.designations.push({
        exportLineId: context.export.exportLineId, exportId: context.export.exportId, exportLine: context.export.lineNumber,
        entryLineId: receipt.entryLineId, receiptId: receipt.receiptId, lotId: receipt.lotId, heatNumber: receipt.heatNumber,
        quantity: exactText(counted), ...(take.equals(Fraction.fromDecimal(counted)) ? {} : { exactQuantity: take.toString() }),
        method, aceCode: method === 'fifo' ? '02' : '01',
        trace: [...path, `lot:${receipt.lotId}`, ...(receipt.heatNumber ? [`heat:${receipt.heatNumber}`] : []), `entry:${line.entryNumber}/${line.lineNumber}`],
      });
    }
  }
  return need.minus(left);
}

/**
 * A lot made by production orders (§2.1 step 2): orders in production-date order (then id), each up to
 * its output not yet consumed; exporting x of an order's output consumes x × input / output of each input
 * (used-in basis), exactly, through every level. The take is consumed in full; the share of it that the
 * worst-covered input could not trace is untraced and not sought again from later orders.
 */
export function takeFromProduction(context: TraceContext, lotId: string, need: Fraction, uom: string, usedBy: string, path: string[]): Fraction {
  const orders = context.inventory.ordersByOutputLot.get(lotId) ?? [];
  let left = need;
  let traced = Fraction.ZERO;
  for (const order of orders) {
    if (!left.isPositive()) break;
    // Every producing order is a candidate, whatever is left of its output: like a receipt with nothing left,
    // an order whose output is all consumed still gives its unit or trace-date reason (§2.3).
    if (order.output.uom !== uom) {
      note(context, 'UOM_MISMATCH');
      continue;
    }
    if (order.productionDate > usedBy) {
      note(context, 'TRACE_DATES_INCONSISTENT');
      continue;
    }
    const available = context.ledger.availableOfOrder(order.orderId);
    if (!available.isPositive()) continue;
    const take = Fraction.min(left, available);
    if (!context.ledger.takeFromOrder(order.orderId, take)) continue;
    left = left.minus(take);
    const output = Fraction.fromDecimal(order.output.quantity);
    let worst = Fraction.ONE;
    for (const input of order.inputs) {
      const inputNeed = take.times(Fraction.fromDecimal(input.quantity)).div(output);
      // A share below the ledger's scale (10^17 NO made of 0.000001 KG) cannot be counted: it needs nothing and
      // so lowers no coverage, rather than leaving the whole take untraced.
      if (inputNeed.toDecimal(TRACED_QUANTITY_DECIMALS).isZero()) continue;
      const inputPath = [...path, `lot:${lotId}`, `order:${order.orderId}`];
      const inputTraced = traceLot(context, input.lotId, input.heatNumber, inputNeed, input.uom, order.productionDate, inputPath);
      worst = Fraction.min(worst, inputTraced.div(inputNeed));
    }
    traced = traced.plus(take.times(worst));
  }
  return traced;
}

/** A lot that is both produced and received is treated as produced; heats narrow receipts only (§2.3). */
export function traceLot(
  context: TraceContext, lotId: string, heatNumber: string | null, need: Fraction, uom: string, consumedOn: string, path: string[],
): Fraction {
  if (context.inventory.ordersByOutputLot.has(lotId)) return takeFromProduction(context, lotId, need, uom, consumedOn, path);
  if (context.inventory.receiptsByLot.has(lotId)) return takeFromReceipts(context, lotId, heatNumber, need, uom, consumedOn, path);
  note(context, 'LOT_NOT_FOUND');
  return Fraction.ZERO;
}
