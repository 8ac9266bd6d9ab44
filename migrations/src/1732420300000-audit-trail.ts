import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: one row per ingest, claim change, estimate, record pack, rule version and key change,
 * with who, what, on which subject, and digests of the subject before and after. Append-only, enforced by
 * triggers so that nobody — the application included — can change or remove what was recorded.
 */
export class AuditTrail1732420300000 implements MigrationInterface {
  name = 'AuditTrail1732420300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_event (
        id             bigserial PRIMARY KEY,
        at             timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor          text NOT NULL,
        action         text NOT NULL,
        subject        text NOT NULL,
        digest_before  char(64),
        digest_after   char(64),
        detail         jsonb
      );
      CREATE INDEX audit_event_subject_idx ON audit_event (subject);
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP; END $$;
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_event; DROP FUNCTION audit_event_append_only;`);
  }
}
