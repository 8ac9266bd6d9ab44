import Decimal from 'decimal.js';
import { TraceDec, exactText, intermediateQuantity, tracedQuantity } from '../values/decimal';
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

/**
 * A quantity still to be traced: as the ledger counts it (a decimal at a fixed scale, so that takes add up to
 * what was taken) and exactly (x × input / output through every level, §2.1.4), which amounts are computed from.
 */
export interface Need {
  quantity: Decimal;
  exact: Fraction;
}

/**
 * The exact quantity of a take of `take` when `left` (exactly `exactLeft`) was still needed: all that was
 * left when the take covers it, else the take itself (never more than is left).
 */
function exactPartOf(take: Decimal, left: Decimal, exactLeft: Fraction): Fraction {
  if (take.gte(left)) return exactLeft;
  const exactTake = Fraction.fromDecimal(take);
  return exactTake.lte(exactLeft) ? exactTake : exactLeft;
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
 * Returns the quantity traced, in the import line's unit.
 */
export function takeFromReceipts(
  context: TraceContext, lotId: string, heatNumber: string | null, need: Need, uom: string, consumedOn: string | null, path: string[],
): Decimal {
  const all = context.inventory.receiptsByLot.get(lotId) ?? [];
  const candidates = heatNumber === null ? all : all.filter((receipt) => receipt.heatNumber === heatNumber);
  if (candidates.length === 0) {
    note(context, 'LOT_NOT_FOUND');
    return new TraceDec(0);
  }
  const single = new Set(candidates.map((receipt) => receipt.entryLineId)).size === 1;
  const method = single ? (heatNumber === null ? 'lot' : 'heat') : 'fifo';
  const exportDate = context.export.exportDate;
  let left = need.quantity;
  let exactLeft = need.exact;
  for (const receipt of [...candidates].sort(fifoOrder(context.inventory.lines))) {
    if (left.lte(0)) break;
    const line = context.inventory.lines.get(receipt.entryLineId)!;
    if (line.uom !== uom) note(context, 'UOM_MISMATCH');
    else if (consumedOn !== null && consumedOn < line.importDate) note(context, 'TRACE_DATES_INCONSISTENT');
    else if (isAfterFiveYears(exportDate, line.importDate)) note(context, 'EXPORT_AFTER_5_YEARS');
    else if (exportDate < line.importDate) note(context, 'EXPORT_BEFORE_IMPORT');
    else {
      const take = TraceDec.min(left, context.ledger.availableOfReceipt(receipt));
      if (take.lte(0)) continue;
      context.ledger.takeFromReceipt(receipt, take);
      const exactTake = exactPartOf(take, left, exactLeft);
      left = left.minus(take);
      exactLeft = exactLeft.minus(exactTake);
      context.designations.push({
        exportLineId: context.export.exportLineId, exportId: context.export.exportId, exportLine: context.export.lineNumber,
        entryLineId: receipt.entryLineId, receiptId: receipt.receiptId, lotId: receipt.lotId, heatNumber: receipt.heatNumber,
        quantity: exactText(take), ...(exactTake.equals(Fraction.fromDecimal(take)) ? {} : { exactQuantity: exactTake.toString() }),
        method, aceCode: method === 'fifo' ? '02' : '01',
        trace: [...path, `lot:${receipt.lotId}`, ...(receipt.heatNumber ? [`heat:${receipt.heatNumber}`] : []), `entry:${line.entryNumber}/${line.lineNumber}`],
      });
    }
  }
  return need.quantity.minus(left);
}

/**
 * A lot made by production orders (§2.1 step 2): orders in production-date order (then id), each up to
 * its output not yet consumed; exporting x of an order's output consumes x × input / output of each input
 * (used-in basis), through every level. The take is consumed in full; the share of it that the
 * worst-covered input could not trace is untraced and not sought again from later orders.
 */
export function takeFromProduction(context: TraceContext, lotId: string, need: Need, uom: string, usedBy: string, path: string[]): Decimal {
  const orders = context.inventory.ordersByOutputLot.get(lotId) ?? [];
  let left = need.quantity;
  let exactLeft = need.exact;
  let traced = new TraceDec(0);
  for (const order of orders) {
    if (left.lte(0)) break;
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
    if (available.lte(0)) continue;
    const take = TraceDec.min(left, available);
    // Each take consumes the difference of the cumulative use before and after it, so that takes adding up
    // to the whole output consume exactly the whole input, even where input / output does not terminate.
    const consumedBefore = new TraceDec(order.output.quantity).minus(available);
    context.ledger.takeFromOrder(order.orderId, take);
    const exactTake = exactPartOf(take, left, exactLeft);
    left = left.minus(take);
    exactLeft = exactLeft.minus(exactTake);
    let worst = new TraceDec(1);
    for (const input of order.inputs) {
      // Rounded once, where it is designated: at the designated scale for an input taken from receipts,
      // at the finer intermediate scale for an input that is another order's output.
      const scale = context.inventory.ordersByOutputLot.has(input.lotId) ? intermediateQuantity : tracedQuantity;
      const usedBy = (output: Decimal) => scale(output.times(input.quantity).div(order.output.quantity));
      const inputNeed = usedBy(consumedBefore.plus(take)).minus(usedBy(consumedBefore));
      // A share that is nothing at the traced scale needs nothing and so lowers no coverage (0 / 0 would
      // make the whole export line NaN: neither designated nor unmatched).
      if (inputNeed.isZero()) continue;
      const inputPath = [...path, `lot:${lotId}`, `order:${order.orderId}`];
      const exactInputNeed = exactTake.times(Fraction.fromDecimal(input.quantity)).div(Fraction.fromDecimal(order.output.quantity));
      const inputTraced = traceLot(context, input.lotId, input.heatNumber, { quantity: inputNeed, exact: exactInputNeed }, input.uom, order.productionDate, inputPath);
      worst = TraceDec.min(worst, inputTraced.div(inputNeed));
    }
    traced = traced.plus(intermediateQuantity(take.times(worst)));
  }
  return traced;
}

/** A lot that is both produced and received is treated as produced; heats narrow receipts only (§2.3). */
export function traceLot(
  context: TraceContext, lotId: string, heatNumber: string | null, need: Need, uom: string, consumedOn: string, path: string[],
): Decimal {
  if (context.inventory.ordersByOutputLot.has(lotId)) return takeFromProduction(context, lotId, need, uom, consumedOn, path);
  if (context.inventory.receiptsByLot.has(lotId)) return takeFromReceipts(context, lotId, heatNumber, need, uom, consumedOn, path);
  note(context, 'LOT_NOT_FOUND');
  return new TraceDec(0);
}
