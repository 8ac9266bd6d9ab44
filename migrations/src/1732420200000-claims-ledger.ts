import { MigrationInterface, QueryRunner } from 'typeorm';

/** The ledger's counters kept row by row (replaced by statement triggers in LedgerStatementTriggers1732420600000). */
export const DESIGNATION_LEDGER_PER_ROW = `
      CREATE FUNCTION designation_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE entry_line SET designated = designated + NEW.quantity WHERE id = NEW.entry_line_id;
          IF NEW.receipt_id IS NOT NULL THEN
            UPDATE receipt SET designated = designated + NEW.quantity WHERE id = NEW.receipt_id;
          END IF;
          RETURN NEW;
        END IF;
        UPDATE entry_line SET designated = designated - OLD.quantity WHERE id = OLD.entry_line_id;
        IF OLD.receipt_id IS NOT NULL THEN
          UPDATE receipt SET designated = designated - OLD.quantity WHERE id = OLD.receipt_id;
        END IF;
        RETURN OLD;
      END $$;
      CREATE TRIGGER designation_ledger_trg AFTER INSERT OR DELETE ON designation
        FOR EACH ROW EXECUTE FUNCTION designation_ledger();`;

export const PRODUCTION_TAKE_LEDGER_PER_ROW = `
      CREATE FUNCTION production_take_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE production_item SET consumed = consumed + NEW.quantity WHERE id = NEW.production_item_id;
          RETURN NEW;
        END IF;
        UPDATE production_item SET consumed = consumed - OLD.quantity WHERE id = OLD.production_item_id;
        RETURN OLD;
      END $$;
      CREATE TRIGGER production_take_ledger_trg AFTER INSERT OR DELETE ON production_take
        FOR EACH ROW EXECUTE FUNCTION production_take_ledger();`;

/**
 * Claims and the designation ledger (matching-and-estimates.md §1, §2.4). What each import line, receipt
 * and order output has given is kept as a counter that triggers maintain from the designation rows, and a
 * CHECK on each counter makes over-designation impossible, whatever the application does and however
 * many claims are created at once. An export line belongs to at most one claim (a unique key).
 */
export class ClaimsLedger1732420200000 implements MigrationInterface {
  name = 'ClaimsLedger1732420200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE claim (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claimant      text NOT NULL,
        provision     text NOT NULL CHECK (provision IN ('a', 'b', 'c', 'j1', 'j2')),
        as_of         date NOT NULL,
        policy        jsonb NOT NULL,
        rule_version  text NOT NULL REFERENCES rule_version (version),
        status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'filed')),
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX claim_claimant_idx ON claim (claimant);

      CREATE TABLE claim_export_line (
        claim_id        uuid NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
        export_line_id  bigint NOT NULL REFERENCES export_line (id),
        PRIMARY KEY (claim_id, export_line_id),
        -- 1313(v): an export supports one claim only
        CONSTRAINT claim_export_line_once_uq UNIQUE (export_line_id)
      );

      ALTER TABLE entry_line ADD COLUMN designated numeric NOT NULL DEFAULT 0,
        ADD CONSTRAINT entry_line_not_over_designated CHECK (designated >= 0 AND designated <= quantity);
      ALTER TABLE receipt ADD COLUMN designated numeric NOT NULL DEFAULT 0,
        ADD CONSTRAINT receipt_not_over_designated CHECK (designated >= 0 AND designated <= quantity);
      ALTER TABLE production_item ADD COLUMN consumed numeric NOT NULL DEFAULT 0,
        ADD CONSTRAINT production_output_not_over_consumed CHECK (consumed >= 0 AND consumed <= quantity);

      CREATE TABLE designation (
        id              bigserial PRIMARY KEY,
        claim_id        uuid NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
        sequence        integer NOT NULL,
        export_line_id  bigint NOT NULL REFERENCES export_line (id),
        entry_line_id   bigint NOT NULL REFERENCES entry_line (id),
        receipt_id      bigint REFERENCES receipt (id),
        quantity        numeric NOT NULL CHECK (quantity > 0),
        method          text NOT NULL CHECK (method IN ('lot', 'heat', 'fifo', 'substitution')),
        ace_code        text,
        trace           jsonb NOT NULL,
        CONSTRAINT designation_sequence_uq UNIQUE (claim_id, sequence)
      );
      CREATE INDEX designation_entry_line_idx ON designation (entry_line_id);
      CREATE INDEX designation_receipt_idx ON designation (receipt_id);

      CREATE TABLE production_take (
        claim_id             uuid NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
        sequence             integer NOT NULL,
        production_item_id   bigint NOT NULL REFERENCES production_item (id),
        quantity             numeric NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (claim_id, sequence)
      );

      CREATE TABLE claim_unmatched (
        claim_id        uuid NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
        export_line_id  bigint NOT NULL REFERENCES export_line (id),
        quantity        numeric NOT NULL,
        reason          text NOT NULL,
        PRIMARY KEY (claim_id, export_line_id)
      );

      CREATE TABLE estimate (
        claim_id      uuid NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
        rule_version  text NOT NULL,
        -- the JSON text exactly as written: its key order is part of what is reproducible
        document      text NOT NULL,
        sha256        char(64) NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (claim_id, rule_version)
      );

      ${DESIGNATION_LEDGER_PER_ROW}
      CREATE FUNCTION designation_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'designations are not updated: delete the draft claim and create it again'; END $$;
      CREATE TRIGGER designation_immutable_trg BEFORE UPDATE ON designation
        FOR EACH ROW EXECUTE FUNCTION designation_immutable();

      ${PRODUCTION_TAKE_LEDGER_PER_ROW}
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE estimate; DROP TABLE claim_unmatched; DROP TABLE production_take; DROP TABLE designation;
      DROP FUNCTION production_take_ledger; DROP FUNCTION designation_immutable; DROP FUNCTION designation_ledger;
      ALTER TABLE production_item DROP COLUMN consumed; ALTER TABLE receipt DROP COLUMN designated;
      ALTER TABLE entry_line DROP COLUMN designated; DROP TABLE claim_export_line; DROP TABLE claim;
    `);
  }
}
