import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A duty's rate is kept as declared, with every decimal it has: input-formats.md bounds money (2 decimals) and
 * quantities (6) but not a rate ("percent as a decimal string"), and numeric(9,4) turned a valid `0.34645`
 * or `25.000000` into a rejected data set. Stored values are unchanged (widening a numeric rounds nothing).
 */
export class RateAnyDecimals1732420800000 implements MigrationInterface {
  name = 'RateAnyDecimals1732420800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE duty_bucket ALTER COLUMN rate TYPE numeric;`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE duty_bucket ALTER COLUMN rate TYPE numeric(9,4);`);
  }
}
