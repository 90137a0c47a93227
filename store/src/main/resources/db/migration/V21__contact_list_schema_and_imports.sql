-- Contact lists in the Genesys shape (issue 15): typed phone columns, a postal-code column, a key column that
-- dedupes, the region national numbers are read in; contacts kept in list order; streamed CSV imports as jobs.

ALTER TABLE contact_list
    ADD COLUMN phone_types        TEXT[] NOT NULL DEFAULT '{}', -- type of each phone column, same order (cell, home, work, other)
    ADD COLUMN postal_code_column TEXT,
    ADD COLUMN key_column         TEXT,                          -- dedupe: one contact per value of this column
    ADD COLUMN default_region     TEXT,                          -- ISO 3166; null = the node's messaging.defaultRegion
    ADD COLUMN modified_at        TIMESTAMPTZ NOT NULL DEFAULT now();
UPDATE contact_list SET phone_types = array_fill('other'::text, ARRAY[cardinality(phone_columns)])
 WHERE cardinality(phone_columns) > 0;

-- List order: uploads and API inserts append; line_no stays the CSV line of the upload that made the contact.
CREATE SEQUENCE contact_seq;
ALTER TABLE contact
    ADD COLUMN seq         BIGINT      NOT NULL DEFAULT nextval('contact_seq'),
    ADD COLUMN key         TEXT,
    ADD COLUMN version     INT         NOT NULL DEFAULT 1,
    ADD COLUMN created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN modified_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER SEQUENCE contact_seq OWNED BY contact.seq;
CREATE UNIQUE INDEX contact_key ON contact (list_id, key) WHERE key IS NOT NULL;
-- "Who is next": priority contacts first, then list order, callable ones only.
CREATE INDEX contact_next ON contact (list_id, priority DESC, seq) WHERE callable;
DROP INDEX contact_line;

-- One CSV upload into a list. Its rows land in one transaction; this row, written beside it, shows progress.
CREATE TABLE contact_import (
    id                UUID PRIMARY KEY,
    list_id           UUID        NOT NULL REFERENCES contact_list (id) ON DELETE CASCADE,
    state             TEXT        NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED', 'FAILED')),
    mode              TEXT        NOT NULL,
    total_bytes       BIGINT,                                   -- Content-Length when the client sent one
    read_bytes        BIGINT      NOT NULL DEFAULT 0,
    total_records     BIGINT      NOT NULL DEFAULT 0,           -- data rows read so far (all of them once done)
    completed_records BIGINT      NOT NULL DEFAULT 0,           -- good rows staged; once done, contacts written
    bad_records       BIGINT      NOT NULL DEFAULT 0,
    duplicate_records BIGINT      NOT NULL DEFAULT 0,
    bad_rows          JSONB       NOT NULL DEFAULT '[]',        -- first 1,000: [{line, reason}]
    failure_reason    TEXT,
    started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at       TIMESTAMPTZ
);
CREATE INDEX contact_import_list ON contact_import (list_id, started_at DESC);
