import { TRACED_QUANTITY_DECIMALS, exactText } from '../values/decimal';
import { Fraction } from '../values/fraction';
import {
  ClaimProvision, DesignationResult, ExportLineFacts, ImportLineStock, ProductionOrderStock, ReceiptStock, UnmatchedQuantity,
} from './designation-types';
import { Inventory, takeFromProduction, takeFromReceipts, TraceContext } from './direct-identification';
import { StockLedger } from './stock-ledger';
import { designateBySubstitution } from './substitution';

export interface DesignationInput {
  provision: ClaimProvision;
  exports: readonly ExportLineFacts[];
  importLines: readonly ImportLineStock[];
  receipts: readonly ReceiptStock[];
  orders: readonly ProductionOrderStock[];
  /** 8-digit subheadings whose description begins with "Other" (rule data). */
  otherSubheadings: readonly string[];
}

/** Export lines in order of export date, then export id, then line number (§2). */
export function exportOrder(a: ExportLineFacts, b: ExportLineFacts): number {
  if (a.exportDate !== b.exportDate) return a.exportDate < b.exportDate ? -1 : 1;
  if (a.exportId !== b.exportId) return a.exportId < b.exportId ? -1 : 1;
  return a.lineNumber - b.lineNumber;
}

type OrderInput = ProductionOrderStock['inputs'][number];
const codePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order an order's inputs are traced in — not the order of their rows in production.csv, which
 * input-formats.md gives no meaning (only lots.csv's order breaks ties, §2.3): inputs narrowed to a heat
 * first, since the record names the heat they consumed, so that an input of the same lot without a heat
 * takes by FIFO what they leave rather than the heat they used; then by lot id and heat number. Two inputs
 * of one order meet only in the receipts of one lot; traced in file order, swapping their rows moved the
 * heat-identified quantity, the worst-covered share and so the refund.
 */
export function inputOrder(a: OrderInput, b: OrderInput): number {
  if ((a.heatNumber === null) !== (b.heatNumber === null)) return a.heatNumber === null ? 1 : -1;
  return codePoints(a.lotId, b.lotId) || codePoints(a.heatNumber ?? '', b.heatNumber ?? '');
}

function indexInventory(input: DesignationInput): Inventory {
  const lines = new Map(input.importLines.map((line) => [line.entryLineId, line]));
  const receiptsByLot = new Map<string, ReceiptStock[]>();
  for (const receipt of input.receipts) receiptsByLot.set(receipt.lotId, [...(receiptsByLot.get(receipt.lotId) ?? []), receipt]);
  const ordersByOutputLot = new Map<string, ProductionOrderStock[]>();
  const byDateThenId = (a: ProductionOrderStock, b: ProductionOrderStock) =>
    a.productionDate !== b.productionDate ? (a.productionDate < b.productionDate ? -1 : 1) : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;
  for (const stored of [...input.orders].sort(byDateThenId)) {
    const order = { ...stored, inputs: [...stored.inputs].sort(inputOrder) };
    ordersByOutputLot.set(order.output.lotId, [...(ordersByOutputLot.get(order.output.lotId) ?? []), order]);
  }
  return { lines, receiptsByLot, ordersByOutputLot };
}

/**
 * Direct identification of one export line (`a`, `c`, `j1`; §2.1): from the export's lot, through the
 * production orders that made it (for `a`; for `j1` and `c` a manufactured lot was used), down to the
 * import receipts. Returns what could not be traced.
 */
function designateDirectly(provision: ClaimProvision, context: TraceContext): Fraction {
  const exportLine = context.export;
  // An export line's quantity, a decimal of at most 6 places, is its own exact value.
  const need = Fraction.fromDecimal(exportLine.quantity);
  if (exportLine.lotId === null) {
    context.firstReason = 'NO_LOT_ON_EXPORT';
    return need;
  }
  const path = [`export:${exportLine.exportId}/${exportLine.lineNumber}`];
  if (context.inventory.ordersByOutputLot.has(exportLine.lotId)) {
    if (provision !== 'a') {
      context.firstReason = 'MANUFACTURED_NOT_UNUSED';
      return need;
    }
    // A heat number on the export line of a produced lot is ignored: heats narrow receipts (§2.3).
    return need.minus(takeFromProduction(context, exportLine.lotId, need, exportLine.uom, exportLine.exportDate, path));
  }
  if (!context.inventory.receiptsByLot.has(exportLine.lotId)) {
    context.firstReason = 'LOT_NOT_FOUND';
    return need;
  }
  return need.minus(takeFromReceipts(context, exportLine.lotId, exportLine.heatNumber, need, exportLine.uom, null, path));
}

/**
 * What is left of an export line, as the unmatched row states it: exact where it terminates within the traced
 * scale, else rounded half-up to it (a share of a take left untraced, 1/3 of it, does not terminate).
 */
function unmatchedText(left: Fraction): string {
  const rounded = left.toDecimal(TRACED_QUANTITY_DECIMALS);
  return exactText(rounded.gt(0) ? rounded : left.toDecimal(2 * TRACED_QUANTITY_DECIMALS));
}

/**
 * Designates imports for a claim's export lines (matching-and-estimates.md §2): each export line, in
 * order, is covered from what the ledger leaves until it is covered or nothing eligible is left; what is
 * left is one unmatched row with the first reason met, else QUANTITY_EXHAUSTED. Pure: the caller
 * supplies the stock as the ledger leaves it and stores the result.
 */
export function designate(input: DesignationInput): DesignationResult {
  const inventory = indexInventory(input);
  const ledger = new StockLedger(input.importLines, input.receipts, input.orders);
  const designations: DesignationResult['designations'] = [];
  const unmatched: UnmatchedQuantity[] = [];
  for (const exportLine of [...input.exports].sort(exportOrder)) {
    let left: Fraction;
    let reason;
    if (input.provision === 'b' || input.provision === 'j2') {
      const result = designateBySubstitution(input.provision, exportLine, input.importLines, ledger, input.otherSubheadings);
      designations.push(...result.designations);
      left = result.left;
      reason = result.reason;
    } else {
      const context: TraceContext = { export: exportLine, ledger, inventory, designations, firstReason: null };
      left = designateDirectly(input.provision, context);
      reason = context.firstReason;
    }
    if (left.isPositive()) {
      unmatched.push({
        exportLineId: exportLine.exportLineId, exportId: exportLine.exportId, exportLine: exportLine.lineNumber,
        quantity: unmatchedText(left), reason: reason ?? 'QUANTITY_EXHAUSTED',
      });
    }
  }
  return { designations, unmatched, orderTakes: ledger.orderTakes };
}
