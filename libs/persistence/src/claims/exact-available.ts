import { Fraction } from '@drawback/domain';
import { SqlSession } from '../sql-session';

type Query = SqlSession['query'];

/** A ledger counter: an import line's or a receipt's designated quantity, an order output's consumed quantity. */
export type CounterTable = 'entry_line' | 'receipt' | 'production_item';

/**
 * The rows that took of a counter more or less than its decimal says: designations and order takes traced through
 * manufacturing (their exact quantity beside the decimal the counter added), and the exact part of a record pack's
 * prior use replayed on a database made from the data alone.
 */
const EXACT_TAKES: Record<CounterTable, string> = {
  entry_line: `
    SELECT entry_line_id::text AS id, quantity::text AS quantity, quantity_exact FROM designation
     WHERE quantity_exact IS NOT NULL AND entry_line_id = ANY ($1::bigint[])
    UNION ALL SELECT entry_line_id::text, quantity::text, quantity_exact FROM prior_use_exact WHERE entry_line_id = ANY ($1::bigint[])`,
  receipt: `
    SELECT receipt_id::text AS id, quantity::text AS quantity, quantity_exact FROM designation
     WHERE quantity_exact IS NOT NULL AND receipt_id = ANY ($1::bigint[])
    UNION ALL SELECT receipt_id::text, quantity::text, quantity_exact FROM prior_use_exact WHERE receipt_id = ANY ($1::bigint[])`,
  production_item: `
    SELECT production_item_id::text AS id, quantity::text AS quantity, quantity_exact FROM production_take
     WHERE quantity_exact IS NOT NULL AND production_item_id = ANY ($1::bigint[])
    UNION ALL SELECT production_item_id::text, quantity::text, quantity_exact FROM prior_use_exact WHERE production_item_id = ANY ($1::bigint[])`,
};

/**
 * The stocks with what is left of each exactly (`availableExact`) where earlier claims took fractions of it: its
 * decimal `available` less what those takes were beyond their decimals (§2.1.4: kept exact; three claims taking
 * 4/7, 5/7 and 5/7 of 2 KG use it up, as one claim does).
 */
export async function withExactAvailable<T extends { available: string; availableExact?: string }>(
  query: Query, table: CounterTable, stocks: T[], idOf: (stock: T) => string,
): Promise<T[]> {
  if (stocks.length === 0) return stocks;
  const beyond = await takenBeyondDecimals(query, table, stocks.map(idOf));
  if (beyond.size === 0) return stocks;
  return stocks.map((stock) => {
    const difference = beyond.get(idOf(stock));
    if (!difference || difference.equals(Fraction.ZERO)) return stock;
    return { ...stock, availableExact: Fraction.fromDecimal(stock.available).minus(difference).toString() };
  });
}

/**
 * For each counter that has them, how much the exact takes behind it exceed the decimals it added up (negative
 * where they fall short): the counter's decimal plus this is what was taken exactly.
 */
export async function takenBeyondDecimals(query: Query, table: CounterTable, ids: readonly string[]): Promise<Map<string, Fraction>> {
  const beyond = new Map<string, Fraction>();
  if (ids.length === 0) return beyond;
  const rows = await query<{ id: string; quantity: string; quantity_exact: string }>(EXACT_TAKES[table], [ids]);
  for (const row of rows) {
    const difference = Fraction.parse(row.quantity_exact).minus(Fraction.fromDecimal(row.quantity));
    beyond.set(row.id, (beyond.get(row.id) ?? Fraction.ZERO).plus(difference));
  }
  return beyond;
}
