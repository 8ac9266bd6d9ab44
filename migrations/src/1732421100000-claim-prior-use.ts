import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim's prior-use ledger (rules §5: what claims made before it had taken of its imports) as it stood when the
 * claim was designated, kept with the claim: its record pack lists it and `drawback verify --data` replays it, so a
 * pack made after an earlier draft claim was deleted still makes the claim again the same (§7). Read live, that
 * ledger would have lost the deleted claim's takes the designation was made after.
 * - `claim.prior_use_recorded`: the claim's prior use is in `claim_prior_use` (claims made from this migration on);
 *   for a claim made before it, the prior use is read from the claims that still exist, as it was before.
 * - `claim_prior_use`: one row per import line, receipt or order output taken, as prior-use.csv gives it.
 */
export class ClaimPriorUse1732421100000 implements MigrationInterface {
  name = 'ClaimPriorUse1732421100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE claim ADD COLUMN prior_use_recorded boolean NOT NULL DEFAULT false;

      CREATE TABLE claim_prior_use (
        claim_id        uuid NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
        sequence        integer NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('import_line', 'receipt', 'order_output')),
        entry_number    text,
        line_number     integer,
        lot_id          text,
        heat_number     text,
        order_id        text,
        quantity        numeric NOT NULL CHECK (quantity >= 0),
        quantity_exact  text CHECK (quantity_exact ~ '^[0-9]+/[1-9][0-9]*$'),
        PRIMARY KEY (claim_id, sequence)
      );`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE claim_prior_use;
      ALTER TABLE claim DROP COLUMN prior_use_recorded;`);
  }
}
