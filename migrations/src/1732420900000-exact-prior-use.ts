import { MigrationInterface, QueryRunner } from 'typeorm';

const FRACTION = `'^[0-9]+/[1-9][0-9]*$'`;

/**
 * What the ledger took is exact (matching-and-estimates.md §2.1.4): a later claim reads what is left of an import
 * line, receipt or order output as its decimal counter corrected by the exact quantities behind it, so that 4/7,
 * 5/7 and 5/7 of 2 KG taken by three claims cover 2 KG, as they do in one.
 * - `production_take.quantity_exact`: an order's output taken through manufacturing, exactly (null where the
 *   decimal is exact), as designation.quantity_exact is for an import line;
 * - `prior_use_exact`: the exact part of a prior use a record pack carries, replayed on a database made from the
 *   data alone (`drawback verify --data`), where no designation stands behind it. Each row names one counter.
 */
export class ExactPriorUse1732420900000 implements MigrationInterface {
  name = 'ExactPriorUse1732420900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE production_take ADD COLUMN quantity_exact text CONSTRAINT production_take_quantity_exact_ck CHECK (quantity_exact ~ ${FRACTION});
      CREATE INDEX production_take_exact_idx ON production_take (production_item_id) WHERE quantity_exact IS NOT NULL;
      CREATE INDEX designation_exact_line_idx ON designation (entry_line_id) WHERE quantity_exact IS NOT NULL;

      CREATE TABLE prior_use_exact (
        id                  bigserial PRIMARY KEY,
        entry_line_id       bigint REFERENCES entry_line (id) ON DELETE CASCADE,
        receipt_id          bigint REFERENCES receipt (id) ON DELETE CASCADE,
        production_item_id  bigint REFERENCES production_item (id) ON DELETE CASCADE,
        quantity            numeric NOT NULL,
        quantity_exact      text NOT NULL CHECK (quantity_exact ~ ${FRACTION}),
        CONSTRAINT prior_use_exact_one_counter_ck CHECK (num_nonnulls(entry_line_id, receipt_id, production_item_id) = 1)
      );`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE prior_use_exact;
      DROP INDEX designation_exact_line_idx;
      DROP INDEX production_take_exact_idx;
      ALTER TABLE production_take DROP COLUMN quantity_exact;`);
  }
}
