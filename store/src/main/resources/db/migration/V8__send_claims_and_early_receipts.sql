-- Crash-safe sending: a message is claimed (SUBMITTING, with the claiming node) in a committed transaction right
-- before it is handed to the transport; rows a dead node left SUBMITTING end UNKNOWN and are never sent again.
ALTER TABLE campaign_contact DROP CONSTRAINT campaign_contact_state_check;
ALTER TABLE campaign_contact ADD CONSTRAINT campaign_contact_state_check
    CHECK (state IN ('PENDING', 'SUBMITTING', 'SENT', 'SKIPPED', 'FAILED', 'UNKNOWN'));
ALTER TABLE campaign_attempt DROP CONSTRAINT campaign_attempt_outcome_check;
ALTER TABLE campaign_attempt ADD CONSTRAINT campaign_attempt_outcome_check
    CHECK (outcome IN ('ACCEPTED', 'REJECTED', 'SKIPPED', 'UNKNOWN'));

-- The node that owns an unfinished outbound message; it holds an advisory lock on this number while it lives.
ALTER TABLE message ADD COLUMN owner_node INT;
CREATE INDEX message_unfinished ON message (owner_node) WHERE status IN ('QUEUED', 'SUBMITTING');

-- Delivery receipts that arrived before the SMSC id of their message was stored (fast routes answer the receipt
-- right after submit_sm_resp). Matched when the id is stored; expired after messaging.receiptWaitMinutes.
CREATE TABLE pending_receipt (
    smsc_message_id TEXT PRIMARY KEY,
    status          TEXT        NOT NULL,
    detail          TEXT,
    at              TIMESTAMPTZ NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_receipt_age ON pending_receipt (received_at);
