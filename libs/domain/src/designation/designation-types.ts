/** The drawback provisions a claim is made under (19 U.S.C. 1313). */
export type ClaimProvision = 'a' | 'b' | 'c' | 'j1' | 'j2';

export type DesignationMethod = 'lot' | 'heat' | 'fifo' | 'substitution';

export const UNMATCHED_REASONS = [
  'NO_LOT_ON_EXPORT', 'LOT_NOT_FOUND', 'MANUFACTURED_NOT_UNUSED', 'NO_SUBSTITUTE_IMPORT', 'QUANTITY_EXHAUSTED',
  'EXPORT_AFTER_5_YEARS', 'EXPORT_BEFORE_IMPORT', 'TRACE_DATES_INCONSISTENT', 'UOM_MISMATCH', 'J2_USMCA_DESTINATION',
] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/** An import line with what the ledger leaves of it. */
export interface ImportLineStock {
  entryLineId: string;
  entryNumber: string;
  lineNumber: number;
  hts: string;
  uom: string;
  quantity: string;
  /** Quantity − what other claims designated. */
  available: string;
  /**
   * What is left exactly, as `numerator/denominator`, where other claims took fractions through manufacturing
   * and `available` is the ledger's decimal of it; absent where `available` is exact.
   */
  availableExact?: string;
  importDate: string;
  enteredValue: string;
}

/** A receipt of an import line into a lot, with what the ledger leaves of it. */
export interface ReceiptStock {
  receiptId: string;
  entryLineId: string;
  lotId: string;
  heatNumber: string | null;
  quantity: string;
  available: string;
  /**
   * What is left exactly, as `numerator/denominator`, where other claims took fractions through manufacturing
   * and `available` is the ledger's decimal of it; absent where `available` is exact.
   */
  availableExact?: string;
  /** Its order in lots.csv, the last tie-breaker of FIFO. */
  sequence: number;
}

export interface ProductionOrderStock {
  orderId: string;
  productionDate: string;
  output: { lotId: string; quantity: string; uom: string };
  inputs: Array<{ lotId: string; heatNumber: string | null; quantity: string; uom: string }>;
  /** Output not yet consumed by exports of other claims. */
  available: string;
  /**
   * What is left exactly, as `numerator/denominator`, where other claims took fractions through manufacturing
   * and `available` is the ledger's decimal of it; absent where `available` is exact.
   */
  availableExact?: string;
}

export interface ExportLineFacts {
  exportLineId: string;
  exportId: string;
  lineNumber: number;
  exportDate: string;
  action: 'exported' | 'destroyed';
  destinationCountry: string | null;
  hts: string;
  lotId: string | null;
  heatNumber: string | null;
  quantity: string;
  uom: string;
  value: string;
}

/** One designation: export line × import line (× receipt), the quantity in the import line's unit. */
export interface Designation {
  exportLineId: string;
  exportId: string;
  exportLine: number;
  entryLineId: string;
  receiptId: string | null;
  lotId: string | null;
  heatNumber: string | null;
  /** As the ledger counts it: exact, or, through manufacturing, a non-terminating quantity at 24 places. */
  quantity: string;
  /**
   * The exact quantity as `numerator/denominator` where `quantity` is that fraction rounded (1/3 of a
   * manufactured output's input); amounts are computed from it (§2.1.4 "kept exact", §3 "full precision").
   */
  exactQuantity?: string;
  method: DesignationMethod;
  /** ACE accounting code: 01 direct identification of one import line, 02 an accounting method (FIFO). */
  aceCode: '01' | '02' | null;
  /** From the export down to the import line: `export:…`, `order:…`, `lot:…`, `heat:…`, `entry:…`. */
  trace: string[];
}

export interface UnmatchedQuantity {
  exportLineId: string;
  exportId: string;
  exportLine: number;
  /** In the export line's unit. */
  quantity: string;
  reason: UnmatchedReason;
}

export interface OrderTake {
  orderId: string;
  /** As the ledger counts it (36 places where the take does not terminate). */
  quantity: string;
  /** The exact take as `numerator/denominator`, where `quantity` is it rounded. */
  exactQuantity?: string;
}

export interface DesignationResult {
  designations: Designation[];
  unmatched: UnmatchedQuantity[];
  orderTakes: OrderTake[];
}
