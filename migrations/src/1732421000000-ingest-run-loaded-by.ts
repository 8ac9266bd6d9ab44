import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an accepted ingest run was stored: `direct` (COPY into the data tables) or `staged` (staging tables and a
 * merge). Kept with the run so that an ingest job retried after its data set was committed (a worker killed while
 * it tagged the new rows) reports the run it made, as the first attempt would have, instead of ingesting again.
 */
export class IngestRunLoadedBy1732421000000 implements MigrationInterface {
  name = 'IngestRunLoadedBy1732421000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE ingest_run ADD COLUMN loaded_by text CONSTRAINT ingest_run_loaded_by_ck CHECK (loaded_by IN ('direct', 'staged'));
      CREATE INDEX ingest_run_source_idx ON ingest_run (source) WHERE status = 'accepted';`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ingest_run_source_idx; ALTER TABLE ingest_run DROP COLUMN loaded_by;`);
  }
}
