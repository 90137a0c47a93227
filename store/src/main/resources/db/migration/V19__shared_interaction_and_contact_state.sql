-- Columns that several parts of issues 14 and 15 read and write (written first so the call-to-agent path, the
-- agent desktop, contact lists and voice campaigns build on one shape).

-- An interaction is one customer contact handled by the ACD: which call, who, and what the flow learnt (the
-- screen pop shows participant_data; the interactions API and its CSV export read these).
ALTER TABLE routing_interaction
    ADD COLUMN media_type       TEXT NOT NULL DEFAULT 'voice' CHECK (media_type IN ('voice', 'sms', 'email')),
    ADD COLUMN direction        TEXT NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
    ADD COLUMN call_id          TEXT,                          -- SIP Call-ID of the customer's leg
    ADD COLUMN customer_address TEXT,                          -- E.164 (or e-mail) of the customer
    ADD COLUMN dialed_address   TEXT,                          -- the DID called, or the campaign's caller ID
    ADD COLUMN participant_data JSONB NOT NULL DEFAULT '{}',   -- flat string map set by flows / campaigns
    ADD COLUMN campaign_id      UUID,
    ADD COLUMN connected_at     TIMESTAMPTZ;
CREATE INDEX routing_interaction_created ON routing_interaction (created_at);
CREATE INDEX routing_interaction_call ON routing_interaction (call_id);

-- Dialing state of a contact, kept on the row so the list's export says what happened to each one.
ALTER TABLE contact
    ADD COLUMN priority        BOOLEAN NOT NULL DEFAULT false,  -- inserted with "dial next"
    ADD COLUMN callable        BOOLEAN NOT NULL DEFAULT true,   -- false once a rule or a result made it uncallable
    ADD COLUMN attempts        INT     NOT NULL DEFAULT 0,
    ADD COLUMN last_attempt_at TIMESTAMPTZ,
    ADD COLUMN last_result     TEXT,                            -- e.g. answered, busy, noAnswer, machine, sitDisconnected
    ADD COLUMN skip_reason     TEXT;                            -- why the last pass did not dial it (dnc, outsideHours, …)
