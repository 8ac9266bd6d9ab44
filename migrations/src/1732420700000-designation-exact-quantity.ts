import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A designation through manufacturing keeps its exact quantity beside the ledger's decimal: 1 of an output of 3
 * made from 1 designates 1/3 of the input, which the ledger counts as 0.333…333 at 24 places so that takes add up,
 * while the amounts are computed from 1/3 (matching-and-estimates.md §2.1.4 "kept exact", §3 "full precision").
 * Null where the decimal is the exact quantity.
 */
export class DesignationExactQuantity1732420700000 implements MigrationInterface {
  name = 'DesignationExactQuantity1732420700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE designation ADD COLUMN quantity_exact text
        CONSTRAINT designation_quantity_exact_ck CHECK (quantity_exact ~ '^[0-9]+/[1-9][0-9]*$');`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE designation DROP COLUMN quantity_exact;`);
  }
}
