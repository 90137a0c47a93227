-- Voice campaigns (Genesys "campaigns"): the settings the runner reads, as JSON beside the few columns queried.
CREATE TABLE voice_campaign (
    id              UUID PRIMARY KEY,
    name            TEXT        NOT NULL UNIQUE,
    contact_list_id UUID        NOT NULL REFERENCES contact_list (id),
    dialing_mode    TEXT        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'off' CHECK (status IN ('on', 'off', 'stopping', 'complete')),
    priority        INT         NOT NULL DEFAULT 5,
    settings        JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    modified_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    version         INT         NOT NULL DEFAULT 1
);
CREATE INDEX voice_campaign_running ON voice_campaign (status) WHERE status IN ('on', 'stopping');

-- One row per dial, inserted and committed before the INVITE leaves: a row without a result was (maybe) dialled
-- and never settled, so a crash leaves evidence instead of a silent redial. result is set once (WHERE result IS NULL).
CREATE TABLE dial_attempt (
    id               UUID PRIMARY KEY,
    campaign_id      UUID        NOT NULL REFERENCES voice_campaign (id) ON DELETE CASCADE,
    list_id          UUID        NOT NULL,
    contact_id       TEXT        NOT NULL,
    number           TEXT        NOT NULL,          -- E.164
    phone_column     TEXT        NOT NULL,
    node             TEXT        NOT NULL,          -- the runner that claimed it
    created_at       TIMESTAMPTZ NOT NULL,
    caller_id        TEXT,
    trunk_group      TEXT,
    call_id          TEXT,
    result           TEXT,                          -- null while in flight; see docs/CAMPAIGNS.md for the values
    sip_status       INT,
    q850             INT,
    disposition      TEXT,
    cpa              TEXT,                          -- tone heard before the answer (SIT IC, BUSY, ...)
    amd_result       TEXT,
    amd_evidence     JSONB,
    live_answer      BOOLEAN     NOT NULL DEFAULT false,
    abandoned        BOOLEAN     NOT NULL DEFAULT false,
    answered_at      TIMESTAMPTZ,
    ended_at         TIMESTAMPTZ,
    time_to_answer_ms BIGINT,
    talk_ms          BIGINT,
    duration_ms      BIGINT
);
CREATE INDEX dial_attempt_time ON dial_attempt (campaign_id, created_at);
CREATE INDEX dial_attempt_contact ON dial_attempt (campaign_id, contact_id, number);
CREATE INDEX dial_attempt_open ON dial_attempt (campaign_id) WHERE result IS NULL;
-- a number that answered with a SIT (or a cause) for a disconnected number is never dialled again, by any campaign
CREATE INDEX dial_attempt_disconnected ON dial_attempt (number) WHERE result = 'sitDisconnected';

-- Why a contact was or was not dialled: one row per change of verdict, not per tick.
CREATE TABLE dial_decision (
    id          BIGSERIAL PRIMARY KEY,
    campaign_id UUID        NOT NULL REFERENCES voice_campaign (id) ON DELETE CASCADE,
    contact_id  TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    dialed      BOOLEAN     NOT NULL,
    code        TEXT        NOT NULL,               -- dialed, dnc, outsideHours, attemptLimit, sitDisconnected, ...
    number      TEXT,
    detail      TEXT        NOT NULL
);
CREATE INDEX dial_decision_contact ON dial_decision (campaign_id, contact_id, at);

-- Rule sets: pre-call rules (conditions on columns -> skip, set caller ID, priority, phone column, uncallable) and
-- wrap-up rules (result -> callback, DNC, update a column), kept as their JSON.
CREATE TABLE dial_rule_set (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    rules       JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    modified_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    version     INT         NOT NULL DEFAULT 1
);
-- a callback a wrap-up rule scheduled: the contact is due then, whatever its last result's retry delay
ALTER TABLE contact ADD COLUMN callback_at TIMESTAMPTZ;
