-- Contacts partitioned by list (issue 15, 1M-row import). Each list's contacts live in their own partition,
-- contact_<list id without dashes>, made at the list's first write (ContactPartitions). A first upload into a
-- list builds that partition as a plain table in its own transaction: COPY … FREEZE with no index to maintain, then
-- ATTACH PARTITION builds the three indexes by sorting once. The partition's CHECK on list_id makes ATTACH skip
-- its validation scan. Keys compare bytewise (COLLATE "C"): a key is an id, never shown sorted by language, and
-- libc's strcoll (the database is C.UTF-8) made each key index entry dear. Contact ids keep the database's collation:
-- dial_attempt, campaign_preview and campaign_contact join on them, and mixed collations cannot compare.
ALTER TABLE contact RENAME TO contact_v31;
ALTER INDEX contact_pkey RENAME TO contact_v31_pkey;
ALTER INDEX contact_key RENAME TO contact_v31_key;
ALTER INDEX contact_next RENAME TO contact_v31_next;
ALTER SEQUENCE contact_seq OWNED BY NONE;

CREATE TABLE contact (
    list_id         UUID        NOT NULL REFERENCES contact_list (id) ON DELETE CASCADE,
    id              TEXT        NOT NULL,
    line_no         INT         NOT NULL,
    data            JSONB       NOT NULL,
    priority        BOOLEAN     NOT NULL DEFAULT false,
    callable        BOOLEAN     NOT NULL DEFAULT true,
    attempts        INT         NOT NULL DEFAULT 0,
    last_attempt_at TIMESTAMPTZ,
    last_result     TEXT,
    skip_reason     TEXT,
    seq             BIGINT      NOT NULL DEFAULT nextval('contact_seq'),
    key             TEXT        COLLATE "C",
    version         INT         NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    modified_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    callback_at     TIMESTAMPTZ,
    PRIMARY KEY (list_id, id)
) PARTITION BY LIST (list_id);
ALTER SEQUENCE contact_seq OWNED BY contact.seq;
CREATE UNIQUE INDEX contact_key ON contact (list_id, key) WHERE key IS NOT NULL;
-- "Who is next": priority contacts first, then list order, callable ones only.
CREATE INDEX contact_next ON contact (list_id, priority DESC, seq) WHERE callable;

DO $$
DECLARE
    l UUID;
    part TEXT;
BEGIN
    FOR l IN SELECT DISTINCT list_id FROM contact_v31 LOOP
        part := 'contact_' || replace(l::text, '-', '');
        EXECUTE format('CREATE TABLE %I PARTITION OF contact (CONSTRAINT %I CHECK (list_id = %L)) FOR VALUES IN (%L)',
                       part, part || '_list', l, l);
    END LOOP;
END $$;

INSERT INTO contact (list_id, id, line_no, data, priority, callable, attempts, last_attempt_at, last_result,
                     skip_reason, seq, key, version, created_at, modified_at, callback_at)
SELECT list_id, id, line_no, data, priority, callable, attempts, last_attempt_at, last_result,
       skip_reason, seq, key, version, created_at, modified_at, callback_at
  FROM contact_v31;
DROP TABLE contact_v31;
