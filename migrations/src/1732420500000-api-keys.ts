import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys (interfaces.md, HTTP API): one role each, limited to claimants (importer numbers; `{*}` alone
 * means every claimant). Only a sha256 of the key is kept, so a stolen table gives no usable key; a key is
 * revoked, never deleted, so the audit trail and the jobs it asked for keep naming it.
 */
export class ApiKeys1732420500000 implements MigrationInterface {
  name = 'ApiKeys1732420500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_key (
        id           uuid PRIMARY KEY,
        name         text NOT NULL CHECK (name <> ''),
        role         text NOT NULL CHECK (role IN ('specialist', 'finance', 'auditor', 'admin')),
        claimants    text[] NOT NULL CHECK (
                       cardinality(claimants) > 0 AND array_position(claimants, NULL) IS NULL AND array_position(claimants, '') IS NULL
                       AND ('*' <> ALL (claimants) OR cardinality(claimants) = 1)),
        secret_hash  char(64) NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        created_at   timestamptz NOT NULL DEFAULT now(),
        revoked_at   timestamptz
      );
      CREATE INDEX api_key_active_role_idx ON api_key (role) WHERE revoked_at IS NULL;
      -- Which key asked for a job: the job is visible to that key, and acts in its name in the audit trail.
      ALTER TABLE job ADD COLUMN api_key_id uuid REFERENCES api_key (id);
      CREATE INDEX job_api_key_idx ON job (api_key_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE job DROP COLUMN api_key_id; DROP TABLE api_key;`);
  }
}
