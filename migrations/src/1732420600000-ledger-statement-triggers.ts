import { MigrationInterface, QueryRunner } from 'typeorm';
import { DESIGNATION_LEDGER_PER_ROW, PRODUCTION_TAKE_LEDGER_PER_ROW } from './1732420200000-claims-ledger';

/**
 * The ledger's counters (designated of an import line and a receipt, consumed of an order's output) kept by
 * one aggregated UPDATE per statement instead of one UPDATE per designation row: a claim's designations
 * are written by one COPY, and 100,000 of them made 200,000 single-row updates (23 s). The statement
 * triggers read the rows the statement added or removed (transition tables) and add their sums per line,
 * receipt or output; the CHECKs on the counters still refuse any over-designation, for the statement as a
 * whole, as before for its rows one by one.
 */
export class LedgerStatementTriggers1732420600000 implements MigrationInterface {
  name = 'LedgerStatementTriggers1732420600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER designation_ledger_trg ON designation;
      DROP FUNCTION designation_ledger();
      DROP TRIGGER production_take_ledger_trg ON production_take;
      DROP FUNCTION production_take_ledger();

      -- sign: +1 for the rows a statement added, -1 for those it removed (one function, two triggers:
      -- a trigger with transition tables takes one event).
      CREATE FUNCTION designation_ledger_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
      BEGIN
        UPDATE entry_line el SET designated = el.designated + sign * d.quantity
          FROM (SELECT entry_line_id, sum(quantity) AS quantity FROM changed GROUP BY entry_line_id) d
         WHERE el.id = d.entry_line_id;
        UPDATE receipt r SET designated = r.designated + sign * d.quantity
          FROM (SELECT receipt_id, sum(quantity) AS quantity FROM changed WHERE receipt_id IS NOT NULL GROUP BY receipt_id) d
         WHERE r.id = d.receipt_id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER designation_added_trg AFTER INSERT ON designation
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION designation_ledger_rows();
      CREATE TRIGGER designation_removed_trg AFTER DELETE ON designation
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION designation_ledger_rows();

      CREATE FUNCTION production_take_ledger_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
      BEGIN
        UPDATE production_item pi SET consumed = pi.consumed + sign * t.quantity
          FROM (SELECT production_item_id, sum(quantity) AS quantity FROM changed GROUP BY production_item_id) t
         WHERE pi.id = t.production_item_id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER production_take_added_trg AFTER INSERT ON production_take
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION production_take_ledger_rows();
      CREATE TRIGGER production_take_removed_trg AFTER DELETE ON production_take
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION production_take_ledger_rows();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER designation_added_trg ON designation;
      DROP TRIGGER designation_removed_trg ON designation;
      DROP FUNCTION designation_ledger_rows();
      DROP TRIGGER production_take_added_trg ON production_take;
      DROP TRIGGER production_take_removed_trg ON production_take;
      DROP FUNCTION production_take_ledger_rows();

      ${DESIGNATION_LEDGER_PER_ROW}
      ${PRODUCTION_TAKE_LEDGER_PER_ROW}
    `);
  }
}
