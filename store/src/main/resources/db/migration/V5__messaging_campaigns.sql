-- Agentless SMS and email campaigns over a contact list.
CREATE TABLE messaging_campaign (
    id                  UUID PRIMARY KEY,
    name                TEXT        NOT NULL UNIQUE,
    channel             TEXT        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    contact_list_id     UUID        NOT NULL REFERENCES contact_list (id),
    address_column      TEXT        NOT NULL,
    from_address        TEXT        NOT NULL,
    subject             TEXT,
    template            TEXT,
    html_template       TEXT,
    message_column      TEXT,
    messages_per_minute INT         NOT NULL,
    callable_from       TIME,
    callable_to         TIME,
    default_time_zone   TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('OFF', 'ON', 'COMPLETE')),
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);

-- Where each contact of a campaign stands; SKIPPED rows say why (on DNC, no valid address ...).
CREATE TABLE campaign_contact (
    campaign_id     UUID        NOT NULL REFERENCES messaging_campaign (id) ON DELETE CASCADE,
    contact_id      TEXT        NOT NULL,
    line_no         INT         NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    reason          TEXT,
    address         TEXT,
    message_id      UUID,
    attempts        INT         NOT NULL DEFAULT 0,
    last_attempt_at TIMESTAMPTZ,
    PRIMARY KEY (campaign_id, contact_id)
);
CREATE INDEX campaign_contact_pending ON campaign_contact (campaign_id, line_no) WHERE state = 'PENDING';

-- Detailed attempt history: one row per send attempt or skip.
CREATE TABLE campaign_attempt (
    id          BIGSERIAL PRIMARY KEY,
    campaign_id UUID        NOT NULL REFERENCES messaging_campaign (id) ON DELETE CASCADE,
    contact_id  TEXT        NOT NULL,
    message_id  UUID,
    at          TIMESTAMPTZ NOT NULL,
    outcome     TEXT        NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED', 'SKIPPED')),
    detail      TEXT
);
CREATE INDEX campaign_attempt_campaign ON campaign_attempt (campaign_id, at);
