-- Voice notification calls placed through POST /api/v2/calls: one row per call, its timeline beside it.
CREATE TABLE voice_call (
    id                  UUID PRIMARY KEY,
    client_id           TEXT        NOT NULL,
    idempotency_key     TEXT,
    to_number           TEXT        NOT NULL,
    from_number         TEXT        NOT NULL DEFAULT '',
    request             TEXT        NOT NULL, -- the accepted request as JSON, for audits and retries
    state               TEXT        NOT NULL, -- QUEUED, DIALING, RINGING, ANSWERED, COMPLETED, FAILED
    outcome             TEXT,                 -- HUMAN, MACHINE, FAX, SIT, NO_SPEECH, UNKNOWN, BUSY, NO_ANSWER, ...
    sip_status          INT,
    q850                INT,
    disposition         TEXT,
    hangup_by           TEXT,
    key_pressed         TEXT,
    amd                 TEXT,                 -- decision, confidence and evidence as JSON
    created_at          TIMESTAMPTZ NOT NULL,
    answered_at         TIMESTAMPTZ,
    ended_at            TIMESTAMPTZ,
    ring_ms             BIGINT,
    decision_ms         BIGINT,
    talk_ms             BIGINT,
    first_audio_ms      BIGINT,               -- answer -> first audio sent to a human
    beep_to_message_ms  BIGINT,               -- end of beep -> first audio of the machine message
    UNIQUE (client_id, idempotency_key)
);
CREATE INDEX voice_call_created ON voice_call (created_at DESC);
CREATE INDEX voice_call_to ON voice_call (to_number, created_at DESC);

CREATE TABLE voice_call_event (
    call_id UUID        NOT NULL REFERENCES voice_call (id) ON DELETE CASCADE,
    seq     INT         NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    type    TEXT        NOT NULL,
    detail  TEXT        NOT NULL DEFAULT '',
    PRIMARY KEY (call_id, seq)
);
