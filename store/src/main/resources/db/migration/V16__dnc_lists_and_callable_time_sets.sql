-- DNC lists of outbound campaigns (Genesys "dnclists"). A campaign may use several; a number is blocked when any
-- of them holds it unexpired. The internal list is a row here too, but its entries are the consent ledger
-- (consent_block): "press 9" and every other opt-out stay one truth for every channel, never copied.
CREATE TABLE dnc_list (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    internal    BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    modified_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    version     INT         NOT NULL DEFAULT 1
);
INSERT INTO dnc_list (id, name, internal) VALUES ('00000000-0000-0000-0000-000000000001', 'Internal opt-outs', TRUE);

-- Phone numbers in E.164, email addresses lower-cased. The primary key is the check's index: one lookup per
-- (list, channel, address), whatever the list's size.
CREATE TABLE dnc_entry (
    list_id    UUID        NOT NULL REFERENCES dnc_list (id) ON DELETE CASCADE,
    channel    TEXT        NOT NULL CHECK (channel IN ('PHONE', 'EMAIL')),
    address    TEXT        NOT NULL,
    expires_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (list_id, channel, address)
);

-- Weekday windows in the contact's local time ([{day: 1..7 ISO, startTime, stopTime}]) and dates never called.
CREATE TABLE callable_time_set (
    id             UUID PRIMARY KEY,
    name           TEXT        NOT NULL UNIQUE,
    callable_times JSONB       NOT NULL,
    blocked_dates  DATE[]      NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    modified_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    version        INT         NOT NULL DEFAULT 1
);
