-- Conversations: the messages exchanged with one address over one of our addresses, open while replies keep
-- arriving within the reply window.
CREATE TABLE conversation (
    id               UUID PRIMARY KEY,
    channel          TEXT        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    our_address      TEXT        NOT NULL,
    their_address    TEXT        NOT NULL,
    opened_at        TIMESTAMPTZ NOT NULL,
    last_activity_at TIMESTAMPTZ NOT NULL,
    closed_at        TIMESTAMPTZ
);
CREATE INDEX conversation_open ON conversation (channel, their_address, our_address) WHERE closed_at IS NULL;

-- Every SMS and email, agentless or from a campaign, outbound or inbound: the interaction view.
CREATE TABLE message (
    id                UUID PRIMARY KEY,
    seq               BIGSERIAL   NOT NULL, -- arrival order among messages of the same instant
    conversation_id   UUID        REFERENCES conversation (id),
    direction         TEXT        NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
    channel           TEXT        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    from_address      TEXT        NOT NULL,
    to_address        TEXT        NOT NULL,
    subject           TEXT,
    body              TEXT        NOT NULL,
    html              TEXT,
    status            TEXT        NOT NULL,
    status_detail     TEXT,
    segments          INT,
    email_message_id  TEXT,
    unsubscribe_token TEXT UNIQUE,
    campaign_id       UUID,
    contact_id        TEXT,
    client_id         TEXT,
    idempotency_key   TEXT,
    request_hash      TEXT,
    webhook_url       TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (client_id, idempotency_key)
);
CREATE INDEX message_email_id ON message (email_message_id) WHERE email_message_id IS NOT NULL;
CREATE INDEX message_campaign ON message (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX message_conversation ON message (conversation_id);

-- SMSC message ids of each SMS part; the delivery receipt names the last one.
CREATE TABLE sms_part (
    smsc_message_id TEXT PRIMARY KEY,
    message_id      UUID NOT NULL REFERENCES message (id),
    part_no         INT  NOT NULL
);

-- The status history of each message (queued, sent, delivered ...), with the aggregator's or relay's words.
CREATE TABLE message_event (
    id         BIGSERIAL PRIMARY KEY,
    message_id UUID        NOT NULL REFERENCES message (id),
    at         TIMESTAMPTZ NOT NULL,
    status     TEXT        NOT NULL,
    detail     TEXT
);
CREATE INDEX message_event_message ON message_event (message_id);

-- Saved templates (Mustache) that agentless sends name by id.
CREATE TABLE message_template (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    channel    TEXT        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    subject    TEXT,
    body       TEXT        NOT NULL,
    html       TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
