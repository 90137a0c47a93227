-- Contact lists shared by voice and messaging campaigns. Each contact keeps its CSV row as JSON (column -> value).
CREATE TABLE contact_list (
    id              UUID PRIMARY KEY,
    name            TEXT        NOT NULL UNIQUE,
    columns         TEXT[]      NOT NULL,
    phone_columns   TEXT[]      NOT NULL,
    email_columns   TEXT[]      NOT NULL,
    timezone_column TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE contact (
    list_id UUID    NOT NULL REFERENCES contact_list (id) ON DELETE CASCADE,
    id      TEXT    NOT NULL,
    line_no INT     NOT NULL,
    data    JSONB   NOT NULL,
    PRIMARY KEY (list_id, id)
);
CREATE INDEX contact_line ON contact (list_id, line_no);
