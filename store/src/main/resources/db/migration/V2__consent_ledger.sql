-- The one consent ledger of voice, SMS and email: an address on it is never contacted on that channel.
-- Phone numbers are stored in E.164 (+15551234567), email addresses lower-cased.
CREATE TABLE consent_block (
    channel    TEXT        NOT NULL CHECK (channel IN ('PHONE', 'EMAIL')),
    address    TEXT        NOT NULL,
    source     TEXT        NOT NULL CHECK (source IN ('SMS_STOP', 'IVR_OPTOUT', 'AGENT', 'API', 'UPLOAD', 'UNSUBSCRIBE_LINK')),
    note       TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, address)
);

-- Every opt-out and opt-in, kept for audit (who asked, how, when) after the block itself is lifted.
CREATE TABLE consent_event (
    id       BIGSERIAL PRIMARY KEY,
    channel  TEXT        NOT NULL,
    address  TEXT        NOT NULL,
    action   TEXT        NOT NULL CHECK (action IN ('BLOCK', 'UNBLOCK')),
    source   TEXT        NOT NULL,
    note     TEXT,
    at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX consent_event_address ON consent_event (channel, address);
