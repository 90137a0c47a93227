-- Every webhook delivery (message status, call event) waits here until the receiver takes it, so that a crash,
-- a restart or a receiver that is down loses none. The row id is the webhook-id: every attempt of one event
-- carries the same id, so a receiver that got an attempt whose answer was lost can drop the repeat.
CREATE TABLE webhook_outbox (
    id              UUID PRIMARY KEY,
    event_type      TEXT        NOT NULL,
    subject_id      UUID,                 -- the message or call the event is about
    url             TEXT        NOT NULL,
    secret          TEXT        NOT NULL, -- signing key; blanked once the row is settled
    payload         TEXT        NOT NULL, -- the exact body that is signed and sent
    state           TEXT        NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'GONE', 'FAILED')),
    attempts        INT         NOT NULL DEFAULT 0,
    -- when the row may next be claimed; while an attempt is in flight, the end of the claim's lease
    next_attempt_at TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    last_attempt_at TIMESTAMPTZ,
    last_status     INT,
    last_error      TEXT,
    settled_at      TIMESTAMPTZ
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_outbox_subject ON webhook_outbox (subject_id);
CREATE INDEX webhook_outbox_settled ON webhook_outbox (settled_at) WHERE state <> 'PENDING';

-- The signing secret an agentless message's sender gave with its webhook URL, found again by the message's
-- request hash (which covers the URL and the secret) when later status changes (receipts) are posted.
CREATE TABLE message_webhook_secret (
    request_hash TEXT PRIMARY KEY,
    secret       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
