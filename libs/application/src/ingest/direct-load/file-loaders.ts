import { FileKind, Row } from '@drawback/domain';
import { CopySink, DirectLoadStore, DirectLoadTable, KeptCopyRows, NotDirectlyLoadable } from '@drawback/persistence';
import { RowSink } from '../stage-file';
import { IdBlock, LoadedKeys } from './loaded-keys';
import { StreamedBasisCheck } from './streamed-basis-check';

type Values = (string | null)[];

/** One file of a direct load: the rows it writes as it is read, and what it writes once read. */
export interface FileLoader {
  rows: RowSink;
  /** After the whole file was read: the second table it fills, and the checks that need every row. */
  finish(): Promise<void>;
}

interface LoadContext {
  store: DirectLoadStore;
  keys: LoadedKeys;
  basis: StreamedBasisCheck;
  sourceFileId: number;
  /** How many rows the file can hold at most (its line breaks, plus one): the ids to reserve. */
  maxRows: number;
}

/** Rows into one table's COPY; a row with any error means the data set is the staged ingest's. */
function rowsInto(sink: CopySink, values: (row: Row, line: number) => Values): RowSink {
  return {
    write: (row, line, valid) => {
      // The staged ingest reads the data set again and names every error.
      if (!valid) throw new NotDirectlyLoadable(`line ${line} has an error`);
      return sink.write(values(row, line));
    },
    end: () => sink.end(),
    abort: () => sink.abort(),
  };
}

async function block(context: LoadContext, table: DirectLoadTable): Promise<IdBlock> {
  return new IdBlock(await context.store.reserveIds(table, context.maxRows), context.maxRows);
}

/** A table filled once the file is read (an entry or order per several rows), by COPY of the rows kept. */
const copyKept = (store: DirectLoadStore, table: DirectLoadTable, rows: KeptCopyRows) => store.guarded(() => rows.send(store.copy(table)));

async function entriesLoader(context: LoadContext): Promise<FileLoader> {
  const { store, keys, basis, sourceFileId } = context;
  const fileId = String(sourceFileId);
  const entryIds = await block(context, 'import_entry');
  keys.expectLines(await block(context, 'entry_line'));
  const newEntries = new KeptCopyRows();
  const rows = rowsInto(store.copy('entry_line'), (row, line) => {
    const added = keys.addEntryLine(row, entryIds);
    const entryId = String(added.entryId);
    const lineId = added.lineId;
    basis.addLine(added.position, row);
    if (added.isNewEntry) {
      newEntries.add([entryId, row.entry_number, row.entry_type, row.importer_number, row.import_date, row.entry_date, row.port_code, fileId]);
    }
    return [String(lineId), entryId, row.line_number, row.hts, row.description, row.country_of_origin, row.entered_value, row.quantity,
      row.uom, row.spi, row.melt_pour_country, row.smelt_primary_country, row.smelt_secondary_country, row.cast_country, row.adcvd_case,
      row.ieepa_refund_claimed, fileId, String(line)];
  });
  return { rows, finish: () => copyKept(store, 'import_entry', newEntries) };
}

async function dutiesLoader(context: LoadContext): Promise<FileLoader> {
  const { store, keys, basis, sourceFileId } = context;
  const fileId = String(sourceFileId);
  const ids = await block(context, 'duty_bucket');
  const rows = rowsInto(store.copy('duty_bucket'), (row, line) => {
    const entryId = keys.entryId(row.entry_number as string);
    let lineId: string | null = null;
    if (row.line_number === null) {
      // An entry-level MPF/HMF has no line; it is apportioned to the entry's lines once all is loaded (rules §2).
      keys.feeEntryIds.add(entryId);
    } else {
      const position = keys.linePosition(row.entry_number as string, row.line_number);
      if (row.program === 's232') basis.addBucket(position, row);
      lineId = String(keys.lineIdAt(position));
    }
    return [String(ids.next()), String(entryId), lineId, row.line_number, row.program, row.heading, row.metal, row.s232_annex, row.rate,
      row.basis, row.basis_value, row.amount, fileId, String(line)];
  });
  return { rows, finish: async () => basis.endOfDuties() };
}

async function lotsLoader(context: LoadContext): Promise<FileLoader> {
  const { store, keys, sourceFileId } = context;
  const fileId = String(sourceFileId);
  const ids = await block(context, 'receipt');
  const rows = rowsInto(store.copy('receipt'), (row, line) => {
    const lineId = keys.receive(row.entry_number as string, row.line_number as string, row.quantity as string);
    return [String(ids.next()), String(lineId), row.lot_id, row.heat_number, row.quantity, fileId, String(line)];
  });
  return { rows, finish: async () => undefined };
}

async function productionLoader(context: LoadContext): Promise<FileLoader> {
  const { store, keys, sourceFileId } = context;
  const fileId = String(sourceFileId);
  const orderIds = await block(context, 'production_order');
  const itemIds = await block(context, 'production_item');
  const owner = keys.dataOwner();
  const newOrders = new KeptCopyRows();
  const rows = rowsInto(store.copy('production_item'), (row, line) => {
    const { orderId, isNewOrder } = keys.addProductionRow(row, orderIds);
    if (isNewOrder) newOrders.add([String(orderId), row.production_order, row.production_date, fileId, owner]);
    return [String(itemIds.next()), String(orderId), row.role, row.lot_id, row.heat_number, row.quantity, row.uom, row.hts, fileId, String(line)];
  });
  return {
    rows,
    finish: async () => {
      keys.checkOrders();
      await copyKept(store, 'production_order', newOrders);
    },
  };
}

/**
 * A file of one table whose rows carry no importer and take the data set's owner (exports, evidence):
 * the row's own columns, then its source file, line and owner.
 */
function ownedRowsLoader(table: DirectLoadTable, columns: (row: Row) => Values) {
  return async (context: LoadContext): Promise<FileLoader> => {
    const { store, keys, sourceFileId } = context;
    const fileId = String(sourceFileId);
    const ids = await block(context, table);
    const owner = keys.dataOwner();
    const rows = rowsInto(store.copy(table), (row, line) => [String(ids.next()), ...columns(row), fileId, String(line), owner]);
    return { rows, finish: async () => undefined };
  };
}

const exportsLoader = ownedRowsLoader('export_line', (row) => [row.export_id, row.line_number, row.export_date, row.action, row.exporter,
  row.destination_country, row.hts, row.description, row.lot_id, row.heat_number, row.quantity, row.uom, row.value]);

const evidenceLoader = ownedRowsLoader('evidence_document', (row) => [row.document_id, row.kind, row.subject, row.subject_id, row.reference,
  row.sha256]);

/** What each file kind writes, in the columns of DIRECT_LOAD_COLUMNS. */
export const FILE_LOADERS: Record<FileKind, (context: LoadContext) => Promise<FileLoader>> = {
  entries: entriesLoader,
  duties: dutiesLoader,
  lots: lotsLoader,
  production: productionLoader,
  exports: exportsLoader,
  evidence: evidenceLoader,
};
