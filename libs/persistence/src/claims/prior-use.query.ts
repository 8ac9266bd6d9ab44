import { Fraction } from '@drawback/domain';
import { DataSource } from 'typeorm';
import { DESIGNATION_LOCK } from './designation-lock';

/** What of the ledger a claim's designation reads as taken already: an import line, a receipt, an order's output. */
export type PriorUseKind = 'import_line' | 'receipt' | 'order_output';

/**
 * What claims made before a claim had taken of one import line (ENTRY/LINE), one receipt (ENTRY/LINE, lot and
 * heat) or one production order's output (ORDER): the prior-use ledger (rules §5). Designation reads every
 * quantity net of it, so a claim is made again from its data only with it (`drawback verify --data`).
 */
export interface PriorUse {
  kind: PriorUseKind;
  entryNumber: string | null;
  lineNumber: number | null;
  lotId: string | null;
  heatNumber: string | null;
  orderId: string | null;
  /** As the ledger's counter adds it up. */
  quantity: string;
  /**
   * Exactly, as `numerator/denominator`, where the takes were fractions traced through manufacturing and `quantity`
   * is their decimals' sum; null where `quantity` is exact. Replayed too: a later claim reads what is left exactly.
   */
  quantityExact: string | null;
}

const KIND_ORDER: Record<PriorUseKind, number> = { import_line: 0, receipt: 1, order_output: 2 };

/** A data source or a session in a transaction: what the prior use is read or recorded with. */
type Queryable = { query: (sql: string, parameters?: unknown[]) => Promise<Array<Record<string, never>>> };

/**
 * The prior use of claim `claimId` as it stood when the claim was designated (recorded with it, `recordPriorUse`):
 * a draft claim made before it and deleted since still counts, for the claim's designations were made after it.
 * A claim made before prior use was recorded (migration 1732421100000) has it read from the claims that exist.
 */
export async function loadPriorUse(dataSource: Queryable, claimId: string): Promise<PriorUse[]> {
  const [claim] = await dataSource.query(`SELECT prior_use_recorded FROM claim WHERE id = $1`, [claimId]);
  if (!claim?.prior_use_recorded) return priorUseOfEarlierClaims(dataSource, claimId);
  const rows = await dataSource.query(
    `SELECT kind, entry_number, line_number, lot_id, heat_number, order_id, trim_scale(quantity)::text AS quantity, quantity_exact
       FROM claim_prior_use WHERE claim_id = $1 ORDER BY sequence`, [claimId]);
  return rows.map((row) => ({
    kind: row.kind, entryNumber: row.entry_number, lineNumber: row.line_number, lotId: row.lot_id, heatNumber: row.heat_number,
    orderId: row.order_id, quantity: row.quantity, quantityExact: row.quantity_exact,
  }));
}

/**
 * Records with claim `claimId`, in the transaction that designates it (after its designations are stored), the
 * prior use it was designated on, which `loadPriorUse` then reads whatever becomes of the claims before it.
 */
export async function recordPriorUse(session: Queryable, claimId: string): Promise<void> {
  const uses = await priorUseOfEarlierClaims(session, claimId);
  const column = <K extends keyof PriorUse>(key: K) => uses.map((use) => use[key]);
  await session.query(
    `INSERT INTO claim_prior_use (claim_id, sequence, kind, entry_number, line_number, lot_id, heat_number, order_id, quantity, quantity_exact)
     SELECT $1, u.sequence, u.kind, u.entry_number, u.line_number, u.lot_id, u.heat_number, u.order_id, u.quantity, u.quantity_exact
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::text[]) WITH ORDINALITY
         AS u (kind, entry_number, line_number, lot_id, heat_number, order_id, quantity, quantity_exact, sequence)`,
    [claimId, column('kind'), column('entryNumber'), column('lineNumber'), column('lotId'), column('heatNumber'), column('orderId'),
      column('quantity'), column('quantityExact')]);
  await session.query(`UPDATE claim SET prior_use_recorded = true WHERE id = $1`, [claimId]);
}

/**
 * What claims created before claim `claimId` (they designated before it, claim.store) took of its claimant's
 * import lines, receipts and production orders (an order that records no claimant counts as the claimant's), and
 * of whatever else the claim itself designated from. Another importer's entries a claim might have drawn on
 * without designating from them are not listed: they are not the claimant's to show.
 */
async function priorUseOfEarlierClaims(dataSource: Queryable, claimId: string): Promise<PriorUse[]> {
  const rows = await dataSource.query(`
    WITH me AS (SELECT claimant, created_at FROM claim WHERE id = $1),
         earlier AS (SELECT c.id FROM claim c, me WHERE c.created_at < me.created_at),
         taken AS (
           SELECT d.entry_line_id, d.receipt_id, d.quantity, d.quantity_exact FROM designation d JOIN earlier e ON e.id = d.claim_id
            WHERE d.entry_line_id IN (SELECT el.id FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id, me
                                       WHERE ie.importer_number = me.claimant)
               OR d.entry_line_id IN (SELECT entry_line_id FROM designation WHERE claim_id = $1))
    SELECT 'import_line' AS kind, ie.entry_number, el.line_number, NULL AS lot_id, NULL AS heat_number, NULL AS order_id,
           trim_scale(sum(t.quantity))::text AS quantity, ${EXACT_TAKES} AS exact_takes
      FROM taken t JOIN entry_line el ON el.id = t.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
     GROUP BY ie.entry_number, el.line_number
    UNION ALL
    SELECT 'receipt', ie.entry_number, el.line_number, r.lot_id, r.heat_number, NULL, trim_scale(sum(t.quantity))::text, ${EXACT_TAKES}
      FROM taken t JOIN receipt r ON r.id = t.receipt_id JOIN entry_line el ON el.id = r.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
     GROUP BY ie.entry_number, el.line_number, r.lot_id, r.heat_number
    UNION ALL
    SELECT 'order_output', NULL, NULL, NULL, NULL, po.order_id, trim_scale(sum(t.quantity))::text, ${EXACT_TAKES}
      FROM production_take t JOIN earlier e ON e.id = t.claim_id
      JOIN production_item pi ON pi.id = t.production_item_id JOIN production_order po ON po.id = pi.production_order_id, me
     WHERE po.claimant = me.claimant OR po.claimant IS NULL
        OR pi.id IN (SELECT production_item_id FROM production_take WHERE claim_id = $1)
     GROUP BY po.order_id`, [claimId]);
  const uses: PriorUse[] = rows.map((row: Record<string, never>) => ({
    kind: row.kind, entryNumber: row.entry_number, lineNumber: row.line_number === null ? null : Number(row.line_number),
    lotId: row.lot_id, heatNumber: row.heat_number, orderId: row.order_id, quantity: row.quantity,
    quantityExact: exactSum(row.quantity, row.exact_takes),
  }));
  // Sorted here, by character code, so that a pack made on any server or on the embedded database lists them alike.
  return uses.sort(comparePriorUse);
}

/** The takes behind a prior use whose decimal is not their exact quantity, as `decimal fraction` texts. */
const EXACT_TAKES = `coalesce(array_agg(t.quantity::text || ' ' || t.quantity_exact) FILTER (WHERE t.quantity_exact IS NOT NULL), '{}')`;

/** The exact sum of takes whose decimals add up to `quantity`, as `numerator/denominator`; null when it is `quantity`. */
function exactSum(quantity: string, exactTakes: readonly string[]): string | null {
  let exact = Fraction.fromDecimal(quantity);
  for (const take of exactTakes) {
    const [decimal, fraction] = take.split(' ');
    exact = exact.plus(Fraction.parse(fraction)).minus(Fraction.fromDecimal(decimal));
  }
  return exact.equals(Fraction.fromDecimal(quantity)) ? null : exact.toString();
}

export function comparePriorUse(a: PriorUse, b: PriorUse): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.entryNumber, b.entryNumber) || (a.lineNumber ?? 0) - (b.lineNumber ?? 0)
    || compareText(a.lotId, b.lotId) || compareText(a.heatNumber, b.heatNumber) || compareText(a.orderId, b.orderId);
}

/** Null first, then by character code. */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** A prior use that cannot be replayed: it takes more than the data holds of what it names. */
export class PriorUseReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PriorUseReplayError';
  }
}

/**
 * Replays a record pack's prior use on a database made from the claim's data alone, where no claim was made
 * before: each quantity is taken off what it names, as the claims that took it had, so that designation finds
 * what the claim found (`drawback verify --data`). Only for such a database: the quantities are taken without
 * designation rows behind them. Returns the prior uses naming nothing in the data (left out, so to be noted).
 */
export async function replayPriorUse(dataSource: DataSource, uses: readonly PriorUse[]): Promise<PriorUse[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SELECT pg_advisory_xact_lock($1)`, [DESIGNATION_LOCK]);
    const found = new Set<number>();
    for (const kind of Object.keys(REPLAY_SQL) as PriorUseKind[]) {
      const indexed = uses.map((use, index) => ({ use, index })).filter(({ use }) => use.kind === kind);
      if (indexed.length === 0) continue;
      const column = <K extends keyof PriorUse>(key: K) => indexed.map(({ use }) => use[key]);
      const rows = await runner.query(REPLAY_SQL[kind], [indexed.map(({ index }) => index), column('quantity'), column('quantityExact'),
        ...KEY_COLUMNS[kind].map(column)]);
      for (const row of rows as Array<{ ord: number }>) found.add(Number(row.ord));
    }
    await assertExactUsesFit(runner);
    await runner.commitTransaction();
    return uses.filter((_, index) => !found.has(index));
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    if ((error as { code?: string }).code === '23514') {
      throw new PriorUseReplayError(`the prior use takes more than the data holds: ${(error as Error).message}`);
    }
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * A replayed use's exact quantity may not take more than the data holds, as its decimal may not (the counters'
 * CHECKs refuse that one): each counter's decimal, less the replayed decimal, plus its exact quantity.
 */
async function assertExactUsesFit(runner: { query: (sql: string) => Promise<unknown> }): Promise<void> {
  const rows = await runner.query(`
    SELECT 'import line ' || ie.entry_number || '/' || el.line_number AS what, trim_scale(el.quantity)::text AS held, el.designated::text AS counted,
           pe.quantity::text AS replayed, pe.quantity_exact AS exact
      FROM prior_use_exact pe JOIN entry_line el ON el.id = pe.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
    UNION ALL
    SELECT 'receipt ' || ie.entry_number || '/' || el.line_number || ' lot ' || r.lot_id, trim_scale(r.quantity)::text, r.designated::text, pe.quantity::text, pe.quantity_exact
      FROM prior_use_exact pe JOIN receipt r ON r.id = pe.receipt_id JOIN entry_line el ON el.id = r.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
    UNION ALL
    SELECT 'order output ' || po.order_id, trim_scale(pi.quantity)::text, pi.consumed::text, pe.quantity::text, pe.quantity_exact
      FROM prior_use_exact pe JOIN production_item pi ON pi.id = pe.production_item_id JOIN production_order po ON po.id = pi.production_order_id`) as Array<{
    what: string; held: string; counted: string; replayed: string; exact: string;
  }>;
  for (const row of rows) {
    const taken = Fraction.fromDecimal(row.counted).minus(Fraction.fromDecimal(row.replayed)).plus(Fraction.parse(row.exact));
    if (!taken.lte(Fraction.fromDecimal(row.held))) {
      throw new PriorUseReplayError(`the prior use takes more than the data holds: ${row.what} holds ${row.held}, its prior use takes ${row.exact} exactly`);
    }
  }
}

/**
 * One statement per kind, the uses as arrays ($1 their place in the list, $2 the quantity, $3 the exact quantity; then
 * the key). Each names one row at most (natural keys), so a row the statement does not return names nothing in the
 * data. A use with an exact quantity also leaves it in prior_use_exact, where a claim reads what is left exactly.
 */
const KEY_COLUMNS: Record<PriorUseKind, Array<keyof PriorUse>> = {
  import_line: ['entryNumber', 'lineNumber'],
  receipt: ['entryNumber', 'lineNumber', 'lotId', 'heatNumber'],
  order_output: ['orderId'],
};

const REPLAY_SQL: Record<PriorUseKind, string> = {
  import_line: `
    WITH u AS (SELECT * FROM unnest($1::int[], $2::numeric[], $3::text[], $4::text[], $5::int[]) AS u (ord, quantity, quantity_exact, entry_number, line_number)),
         done AS (UPDATE entry_line el SET designated = el.designated + u.quantity FROM u, import_entry ie
                   WHERE ie.id = el.entry_id AND ie.entry_number = u.entry_number AND el.line_number = u.line_number
               RETURNING u.ord, el.id AS counter_id, u.quantity, u.quantity_exact),
         exact AS (INSERT INTO prior_use_exact (entry_line_id, quantity, quantity_exact)
                   SELECT counter_id, quantity, quantity_exact FROM done WHERE quantity_exact IS NOT NULL)
    SELECT ord FROM done`,
  receipt: `
    WITH u AS (SELECT * FROM unnest($1::int[], $2::numeric[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[])
                 AS u (ord, quantity, quantity_exact, entry_number, line_number, lot_id, heat_number)),
         done AS (UPDATE receipt r SET designated = r.designated + u.quantity FROM u, entry_line el JOIN import_entry ie ON ie.id = el.entry_id
                   WHERE el.id = r.entry_line_id AND ie.entry_number = u.entry_number AND el.line_number = u.line_number
                     AND r.lot_id = u.lot_id AND r.heat_number IS NOT DISTINCT FROM u.heat_number
               RETURNING u.ord, r.id AS counter_id, u.quantity, u.quantity_exact),
         exact AS (INSERT INTO prior_use_exact (receipt_id, quantity, quantity_exact)
                   SELECT counter_id, quantity, quantity_exact FROM done WHERE quantity_exact IS NOT NULL)
    SELECT ord FROM done`,
  order_output: `
    WITH u AS (SELECT * FROM unnest($1::int[], $2::numeric[], $3::text[], $4::text[]) AS u (ord, quantity, quantity_exact, order_id)),
         done AS (UPDATE production_item pi SET consumed = pi.consumed + u.quantity FROM u, production_order po
                   WHERE po.id = pi.production_order_id AND po.order_id = u.order_id AND pi.role = 'output'
               RETURNING u.ord, pi.id AS counter_id, u.quantity, u.quantity_exact),
         exact AS (INSERT INTO prior_use_exact (production_item_id, quantity, quantity_exact)
                   SELECT counter_id, quantity, quantity_exact FROM done WHERE quantity_exact IS NOT NULL)
    SELECT ord FROM done`,
};
