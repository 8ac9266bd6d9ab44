import { ENTRY_LEVEL_FIELDS, Row } from '@drawback/domain';
import { NotDirectlyLoadable } from '@drawback/persistence';

/** Quantities (numeric(24,6), canonical text) as whole millionths, so sums are exact integers. */
export function millionths(quantity: string): bigint {
  const dot = quantity.indexOf('.');
  if (dot < 0) return BigInt(quantity) * 1_000_000n;
  return BigInt(quantity.slice(0, dot) + quantity.slice(dot + 1).padEnd(6, '0'));
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * Ids handed out in order from a block reserved of a table's sequence: the n-th row given an id has
 * id `first + n`, so an id needs no storing.
 */
export class IdBlock {
  private used = 0;
  constructor(private readonly first: number, readonly size: number) {}
  next(): number {
    // The file was counted before it was read: more rows means it changed meanwhile; the staged ingest reads it once.
    if (this.used === this.size) throw new NotDirectlyLoadable(`more rows than the ${this.size} lines counted before reading`);
    return this.first + this.used++;
  }
  idAt(index: number): number {
    return this.first + index;
  }
}

interface LoadedEntry {
  id: number;
  /** The entry-level fields of its first line, joined: every other line must carry the same. */
  entryLevel: string;
  /** Each line's position in the order read (its id is lineIds.idAt(position)), by line number. */
  lines: number[];
}

/**
 * Line numbers a direct load keeps per entry in an array indexed by number; an entry numbering lines
 * beyond this (ACE numbers them up to 999) is left to the staged ingest rather than made a huge array.
 */
const MAX_LINE_NUMBER = 9999;

interface LoadedOrder {
  id: number;
  date: string | null;
  inputs: number;
  outputs: number;
}

/**
 * What a direct load has written so far, keyed as the files refer to it, and the rules that join rows
 * which the staged ingest checks with SQL (input-formats.md). A direct load only ever takes a data set
 * that is wholly new and right: any rule broken, any reference to something not loaded here, and it
 * gives way (NotDirectlyLoadable) to the staged ingest, which names the error.
 */
export class LoadedKeys {
  private readonly entries = new Map<string, LoadedEntry>();
  private lineCount = 0;
  private lineIds = new IdBlock(0, 0);
  /** Per line position, in millionths: its quantity, and what its receipts add up to so far. */
  private lineQuantity = new BigInt64Array(0);
  private received = new BigInt64Array(0);
  private readonly orders = new Map<string, LoadedOrder>();
  /** Entries with an entry-level fee (MPF/HMF without a line), to be apportioned. */
  readonly feeEntryIds = new Set<number>();
  readonly importers = new Set<string>();

  constructor(private readonly claimant: string | null) {}

  /** Before entries.csv is read: the ids its lines get, as many as the file can hold. */
  expectLines(lineIds: IdBlock): void {
    this.lineIds = lineIds;
    this.lineQuantity = new BigInt64Array(lineIds.size);
    this.received = new BigInt64Array(lineIds.size);
  }

  /** An entries.csv row: its entry (new, or as first seen), its line's id and position among the file's lines. */
  addEntryLine(row: Row, entryIds: IdBlock): { entryId: number; isNewEntry: boolean; lineId: number; position: number } {
    const number = row.entry_number as string;
    const importer = row.importer_number as string;
    if (this.claimant !== null && importer !== this.claimant) throw new NotDirectlyLoadable(`importer ${importer} is not the claimant`);
    const entryLevel = ENTRY_LEVEL_FIELDS.map((field) => row[field]).join('\u0000');
    let entry = this.entries.get(number);
    const isNewEntry = entry === undefined;
    if (!entry) {
      entry = { id: entryIds.next(), entryLevel, lines: [] };
      this.entries.set(number, entry);
      this.importers.add(importer);
    } else if (entryLevel !== entry.entryLevel) {
      throw new NotDirectlyLoadable(`entry ${number}: entry-level fields differ between lines`);
    }
    const lineNumber = Number(row.line_number);
    if (lineNumber > MAX_LINE_NUMBER) throw new NotDirectlyLoadable(`entry ${number} line ${lineNumber}: beyond the direct load's line numbers`);
    if ((entry.lines[lineNumber] ?? -1) >= 0) throw new NotDirectlyLoadable(`entry ${number} line ${lineNumber} twice`);
    const position = this.lineCount++;
    const quantity = millionths(row.quantity as string);
    // numeric(24,6) reaches past 64 bits of millionths; a line that large is left to the staged ingest.
    if (quantity > INT64_MAX) throw new NotDirectlyLoadable(`entry ${number} line ${row.line_number}: quantity beyond the direct load's range`);
    // Lines come in order of number as a rule: filling the array in order keeps it packed.
    while (entry.lines.length < lineNumber) entry.lines.push(-1);
    entry.lines[lineNumber] = position;
    this.lineQuantity[position] = quantity;
    return { entryId: entry.id, isNewEntry, lineId: this.lineIds.next(), position };
  }

  entryId(entryNumber: string): number {
    const entry = this.entries.get(entryNumber);
    if (!entry) throw new NotDirectlyLoadable(`entry ${entryNumber} is not in this data set's entries.csv`);
    return entry.id;
  }

  /** A line's position among the lines of entries.csv, which fixes its id (lineIdAt). */
  linePosition(entryNumber: string, lineNumber: string): number {
    return this.indexOfLine(entryNumber, lineNumber);
  }

  lineIdAt(position: number): number {
    return this.lineIds.idAt(position);
  }

  /** A receipt: its line's id; receipts of a line may not add up to more than the line's quantity. */
  receive(entryNumber: string, lineNumber: string, quantity: string): number {
    const index = this.indexOfLine(entryNumber, lineNumber);
    const total = this.received[index] + millionths(quantity);
    if (total > this.lineQuantity[index]) throw new NotDirectlyLoadable(`receipts of ${entryNumber}/${lineNumber} exceed the line`);
    this.received[index] = total;
    return this.lineIds.idAt(index);
  }

  /** A production.csv row: its order (new, or as first seen: one production date per order). */
  addProductionRow(row: Row, orderIds: IdBlock): { orderId: number; isNewOrder: boolean } {
    const name = row.production_order as string;
    let order = this.orders.get(name);
    const isNewOrder = order === undefined;
    if (!order) {
      order = { id: orderIds.next(), date: row.production_date, inputs: 0, outputs: 0 };
      this.orders.set(name, order);
    } else if (order.date !== row.production_date) {
      throw new NotDirectlyLoadable(`order ${name}: production dates differ`);
    }
    if (row.role === 'output') order.outputs += 1;
    else order.inputs += 1;
    return { orderId: order.id, isNewOrder };
  }

  /** Each order has exactly one output row and one or more input rows. */
  checkOrders(): void {
    for (const [name, order] of this.orders) {
      if (order.outputs !== 1 || order.inputs < 1) throw new NotDirectlyLoadable(`order ${name}: ${order.outputs} outputs, ${order.inputs} inputs`);
    }
  }

  /** The claimant of what the data set brings without an importer: the one it is brought for, or its sole importer. */
  dataOwner(): string | null {
    if (this.claimant !== null) return this.claimant;
    return this.importers.size === 1 ? [...this.importers][0] : null;
  }

  private indexOfLine(entryNumber: string, lineNumber: string): number {
    const position = this.entries.get(entryNumber)?.lines[Number(lineNumber)] ?? -1;
    if (position < 0) throw new NotDirectlyLoadable(`entry ${entryNumber} line ${lineNumber} is not in this data set's entries.csv`);
    return position;
  }
}
