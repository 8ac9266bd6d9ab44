import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data model of the foundation: what the importer declared, kept exactly, with natural keys unique
 * (input-formats.md) so that idempotency is the database's job. Money is numeric(18,2), quantities
 * numeric(24,6), rates numeric(9,4).
 */
export class FoundationSchema1732420000000 implements MigrationInterface {
  name = 'FoundationSchema1732420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingest_run (
        id            bigserial PRIMARY KEY,
        source        text NOT NULL,
        status        text NOT NULL CHECK (status IN ('running', 'accepted', 'rejected')),
        started_at    timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        counts        jsonb,
        error_count   integer NOT NULL DEFAULT 0
      );
      CREATE TABLE ingest_error (
        id             bigserial PRIMARY KEY,
        ingest_run_id  bigint NOT NULL REFERENCES ingest_run (id) ON DELETE CASCADE,
        file           text NOT NULL,
        line           integer NOT NULL,
        column_name    text NOT NULL,
        message        text NOT NULL
      );
      CREATE INDEX ingest_error_run_idx ON ingest_error (ingest_run_id);

      CREATE TABLE source_file (
        id             bigserial PRIMARY KEY,
        ingest_run_id  bigint NOT NULL REFERENCES ingest_run (id),
        name           text NOT NULL,
        sha256         char(64) NOT NULL,
        row_count      integer NOT NULL,
        CONSTRAINT source_file_content_uq UNIQUE (name, sha256)
      );

      CREATE TABLE import_entry (
        id               bigserial PRIMARY KEY,
        entry_number     text NOT NULL CONSTRAINT import_entry_number_uq UNIQUE,
        entry_type       text NOT NULL,
        importer_number  text NOT NULL,
        import_date      date NOT NULL,
        entry_date       date NOT NULL,
        port_code        text NOT NULL,
        source_file_id   bigint NOT NULL REFERENCES source_file (id)
      );
      CREATE INDEX import_entry_importer_idx ON import_entry (importer_number);

      CREATE TABLE entry_line (
        id                       bigserial PRIMARY KEY,
        entry_id                 bigint NOT NULL REFERENCES import_entry (id),
        line_number              integer NOT NULL CHECK (line_number > 0),
        hts                      char(10) NOT NULL,
        description              text NOT NULL,
        country_of_origin        char(2) NOT NULL,
        entered_value            numeric(18,2) NOT NULL CHECK (entered_value > 0),
        quantity                 numeric(24,6) NOT NULL CHECK (quantity > 0),
        uom                      text NOT NULL,
        spi                      text,
        melt_pour_country        char(2),
        smelt_primary_country    char(2),
        smelt_secondary_country  char(2),
        cast_country             char(2),
        adcvd_case               text,
        ieepa_refund_claimed     boolean NOT NULL DEFAULT false,
        source_file_id           bigint NOT NULL REFERENCES source_file (id),
        source_line              integer NOT NULL,
        CONSTRAINT entry_line_natural_uq UNIQUE (entry_id, line_number)
      );

      CREATE TABLE duty_bucket (
        id              bigserial PRIMARY KEY,
        entry_id        bigint NOT NULL REFERENCES import_entry (id),
        -- null only for an entry-level mpf/hmf, which duty_bucket_share apportions to lines
        entry_line_id   bigint REFERENCES entry_line (id),
        line_number     integer,
        program         text NOT NULL,
        heading         text,
        metal           text CHECK (metal IN ('steel', 'aluminum', 'copper')),
        s232_annex      text CHECK (s232_annex IN ('I-A', 'I-B', 'I-C', 'III')),
        rate            numeric(9,4),
        basis           text CHECK (basis IN ('full_value', 'content_value', 'specific')),
        basis_value     numeric(18,2),
        amount          numeric(18,2) NOT NULL CHECK (amount >= 0),
        source_file_id  bigint NOT NULL REFERENCES source_file (id),
        source_line     integer NOT NULL,
        CONSTRAINT duty_bucket_line_matches CHECK ((entry_line_id IS NULL) = (line_number IS NULL)),
        CONSTRAINT duty_bucket_entry_level_fee CHECK (line_number IS NOT NULL OR program IN ('mpf', 'hmf')),
        CONSTRAINT duty_bucket_natural_uq UNIQUE NULLS NOT DISTINCT (entry_id, line_number, program, heading)
      );
      CREATE INDEX duty_bucket_line_idx ON duty_bucket (entry_line_id);

      -- Entry-level MPF/HMF apportioned by relative entered value (rules §2; ruling H332753).
      CREATE TABLE duty_bucket_share (
        duty_bucket_id  bigint NOT NULL REFERENCES duty_bucket (id) ON DELETE CASCADE,
        entry_line_id   bigint NOT NULL REFERENCES entry_line (id),
        share           numeric(8,6) NOT NULL,
        amount          numeric(18,2) NOT NULL,
        PRIMARY KEY (duty_bucket_id, entry_line_id)
      );
      CREATE INDEX duty_bucket_share_line_idx ON duty_bucket_share (entry_line_id);

      CREATE TABLE receipt (
        id              bigserial PRIMARY KEY,
        entry_line_id   bigint NOT NULL REFERENCES entry_line (id),
        lot_id          text NOT NULL,
        heat_number     text,
        quantity        numeric(24,6) NOT NULL CHECK (quantity > 0),
        source_file_id  bigint NOT NULL REFERENCES source_file (id),
        source_line     integer NOT NULL,
        CONSTRAINT receipt_natural_uq UNIQUE NULLS NOT DISTINCT (entry_line_id, lot_id, heat_number)
      );
      CREATE INDEX receipt_lot_idx ON receipt (lot_id);

      CREATE TABLE production_order (
        id               bigserial PRIMARY KEY,
        order_id         text NOT NULL CONSTRAINT production_order_uq UNIQUE,
        production_date  date NOT NULL,
        source_file_id   bigint NOT NULL REFERENCES source_file (id)
      );
      CREATE TABLE production_item (
        id                   bigserial PRIMARY KEY,
        production_order_id  bigint NOT NULL REFERENCES production_order (id),
        role                 text NOT NULL CHECK (role IN ('input', 'output')),
        lot_id               text NOT NULL,
        heat_number          text,
        quantity             numeric(24,6) NOT NULL CHECK (quantity > 0),
        uom                  text NOT NULL,
        hts                  char(10),
        source_file_id       bigint NOT NULL REFERENCES source_file (id),
        source_line          integer NOT NULL,
        CONSTRAINT production_item_natural_uq UNIQUE NULLS NOT DISTINCT (production_order_id, role, lot_id, heat_number)
      );
      -- Each order has exactly one output row.
      CREATE UNIQUE INDEX production_item_one_output_uq ON production_item (production_order_id) WHERE role = 'output';
      CREATE INDEX production_item_lot_idx ON production_item (lot_id, role);

      CREATE TABLE export_line (
        id                   bigserial PRIMARY KEY,
        export_id            text NOT NULL,
        line_number          integer NOT NULL CHECK (line_number > 0),
        export_date          date NOT NULL,
        action               text NOT NULL CHECK (action IN ('exported', 'destroyed')),
        exporter             text NOT NULL,
        destination_country  char(2),
        hts                  char(10) NOT NULL,
        description          text NOT NULL,
        lot_id               text,
        heat_number          text,
        quantity             numeric(24,6) NOT NULL CHECK (quantity > 0),
        uom                  text NOT NULL,
        value                numeric(18,2) NOT NULL CHECK (value >= 0),
        source_file_id       bigint NOT NULL REFERENCES source_file (id),
        source_line          integer NOT NULL,
        CONSTRAINT export_line_natural_uq UNIQUE (export_id, line_number),
        CONSTRAINT export_line_destination CHECK (action = 'destroyed' OR destination_country IS NOT NULL)
      );
      CREATE INDEX export_line_date_idx ON export_line (export_date);

      CREATE TABLE evidence_document (
        id              bigserial PRIMARY KEY,
        document_id     text NOT NULL,
        kind            text NOT NULL,
        subject         text NOT NULL,
        subject_id      text NOT NULL,
        reference       text NOT NULL,
        sha256          char(64),
        source_file_id  bigint NOT NULL REFERENCES source_file (id),
        source_line     integer NOT NULL,
        CONSTRAINT evidence_document_natural_uq UNIQUE (document_id, subject, subject_id)
      );

      -- PostgreSQL is the record of every job; Redis is only its transport (interfaces.md, Jobs).
      CREATE TABLE job (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue        text NOT NULL,
        name         text NOT NULL,
        payload      jsonb NOT NULL,
        state        text NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
        attempts     integer NOT NULL DEFAULT 0,
        progress     jsonb,
        result       jsonb,
        error        text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX job_state_idx ON job (state, queue);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE job; DROP TABLE evidence_document; DROP TABLE export_line; DROP TABLE production_item;
      DROP TABLE production_order; DROP TABLE receipt; DROP TABLE duty_bucket_share; DROP TABLE duty_bucket;
      DROP TABLE entry_line; DROP TABLE import_entry; DROP TABLE source_file; DROP TABLE ingest_error;
      DROP TABLE ingest_run;
    `);
  }
}
