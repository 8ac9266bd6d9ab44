import { SqlSession } from '../sql-session';
import { StagingError } from './staging-error';

const STORED_ROLE = (role: 'input' | 'output') =>
  `SELECT po.order_id AS production_order, pi.lot_id FROM production_item pi JOIN production_order po ON po.id = pi.production_order_id WHERE pi.role = '${role}'`;
// A row with an error elsewhere (a bad quantity) takes part by the order, role and lot it could read.
const STAGED_ROLE = (role: 'input' | 'output') =>
  `SELECT production_order, lot_id FROM stg_production WHERE role = '${role}' AND production_order IS NOT NULL AND lot_id IS NOT NULL`;

/**
 * Builds the edges (input lot → output lot, per order) from `rows(role)` and prunes every edge that
 * cannot lie on a cycle; the edges left in `production_edge` run through cycles.
 */
async function pruneToCycles(session: SqlSession, rows: (role: 'input' | 'output') => string): Promise<void> {
  await session.query(`
    CREATE TEMP TABLE production_edge ON COMMIT DROP AS
    SELECT DISTINCT i.lot_id AS from_lot, o.lot_id AS to_lot, i.production_order
      FROM (${rows('input')}) i JOIN (${rows('output')}) o ON o.production_order = i.production_order`);
  for (;;) {
    const removed = await session.query<{ n: string }>(`
      WITH gone AS (
        DELETE FROM production_edge e
         WHERE NOT EXISTS (SELECT 1 FROM production_edge p WHERE p.to_lot = e.from_lot)
            OR NOT EXISTS (SELECT 1 FROM production_edge n WHERE n.from_lot = e.to_lot)
        RETURNING 1)
      SELECT count(*)::text AS n FROM gone`);
    if (removed[0].n === '0') break;
  }
}

/** Whether what is stored (a direct load's rows included) holds a production cycle. */
export async function productionCyclesRemain(session: SqlSession): Promise<boolean> {
  await pruneToCycles(session, STORED_ROLE);
  const [left] = await session.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM production_edge) AS any`);
  return left.any;
}

/**
 * A production cycle (a lot that, through orders, is made from itself) is an error. Edges run from each
 * input lot to its order's output lot, over this data set and what is stored. Kahn's algorithm, set-wise
 * and from both ends: an edge whose source lot nothing produces, or whose target lot nothing consumes,
 * cannot lie on a cycle and is dropped, until none can be; the edges left run through cycles.
 */
export async function findProductionCycles(session: SqlSession, claimant: string | null = null): Promise<StagingError[]> {
  await pruneToCycles(session, (role) => `${STAGED_ROLE(role)} UNION ${STORED_ROLE(role)}`);
  // What is left may still join two cycles by an edge on neither: an order is named only when one of its
  // edges lies on a cycle (its output lot leads back to its input lot), with the lots of that cycle.
  return session.query<StagingError>(`
    WITH RECURSIVE reach (start_lot, lot) AS (
           SELECT from_lot, to_lot FROM production_edge
           UNION SELECT r.start_lot, e.to_lot FROM reach r JOIN production_edge e ON e.from_lot = r.lot),
         cycle_lot (production_order, lot) AS (
           SELECT e.production_order, e.from_lot FROM production_edge e
            WHERE e.from_lot = e.to_lot OR EXISTS (SELECT 1 FROM reach r WHERE r.start_lot = e.to_lot AND r.lot = e.from_lot)
           UNION SELECT e.production_order, r.lot FROM production_edge e JOIN reach r ON r.start_lot = e.to_lot
            WHERE EXISTS (SELECT 1 FROM reach back WHERE back.start_lot = r.lot AND back.lot = e.from_lot))
    SELECT 'production.csv' AS file, min(s.src_line) AS line, 'lot_id' AS column_name,
           format('order %s is part of a production cycle through lots %s', s.production_order,
                  (SELECT string_agg(DISTINCT c.lot, ', ' ORDER BY c.lot) FROM cycle_lot c WHERE c.production_order = s.production_order
                      -- A data set brought for a claimant is told only of lots its own rows name: the cycle may run
                      -- through another claimant's stored orders, whose lots are not its to see.
                      AND ($1::text IS NULL OR c.lot IN (SELECT lot_id FROM stg_production WHERE lot_id IS NOT NULL)))) AS message
      FROM stg_production s
     WHERE s.production_order IN (SELECT production_order FROM cycle_lot)
     GROUP BY s.production_order`, [claimant]);
}
