import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose data each row is. Import entries carry their importer; export lines, production orders and
 * evidence carry none in the input formats, so they take the claimant of the data set that brought them
 * (null when that cannot be told: only unrestricted keys see those). Keys see only their claimants' rows.
 */
export class DataOwner1732420400000 implements MigrationInterface {
  name = 'DataOwner1732420400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE ingest_run ADD COLUMN claimant text;
      ALTER TABLE export_line ADD COLUMN claimant text;
      ALTER TABLE production_order ADD COLUMN claimant text;
      ALTER TABLE evidence_document ADD COLUMN claimant text;
      CREATE INDEX export_line_claimant_idx ON export_line (claimant);
      CREATE INDEX production_order_claimant_idx ON production_order (claimant);
      CREATE INDEX evidence_document_claimant_idx ON evidence_document (claimant);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE evidence_document DROP COLUMN claimant; ALTER TABLE production_order DROP COLUMN claimant;
      ALTER TABLE export_line DROP COLUMN claimant; ALTER TABLE ingest_run DROP COLUMN claimant;
    `);
  }
}
