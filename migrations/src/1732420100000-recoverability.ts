import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rule-data versions and the recoverability view: every bucket's (or apportioned fee share's) status
 * under each provision, by the version that produced it. Results of older versions are kept.
 */
export class Recoverability1732420100000 implements MigrationInterface {
  name = 'Recoverability1732420100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rule_version (
        version     text PRIMARY KEY,
        document    jsonb NOT NULL,
        sha256      char(64) NOT NULL,
        loaded_at   timestamptz NOT NULL DEFAULT now(),
        -- the version new results are made with: the one loaded last
        active      boolean NOT NULL DEFAULT false
      );
      CREATE UNIQUE INDEX rule_version_one_active_uq ON rule_version (active) WHERE active;

      CREATE TABLE bucket_tag (
        duty_bucket_id  bigint NOT NULL REFERENCES duty_bucket (id) ON DELETE CASCADE,
        entry_line_id   bigint NOT NULL REFERENCES entry_line (id),
        provision       text NOT NULL CHECK (provision IN ('a', 'b', 'c', 'j1', 'j2')),
        rule_version    text NOT NULL REFERENCES rule_version (version),
        amount          numeric(18,2) NOT NULL,
        status          text NOT NULL CHECK (status IN ('recoverable', 'excluded', 'conditional')),
        reason          text NOT NULL,
        rule_id         text NOT NULL,
        unverified      text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (rule_version, duty_bucket_id, entry_line_id, provision)
      );
      CREATE INDEX bucket_tag_line_idx ON bucket_tag (entry_line_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE bucket_tag; DROP TABLE rule_version;`);
  }
}
