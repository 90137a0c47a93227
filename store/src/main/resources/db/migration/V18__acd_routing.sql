-- ACD: skills, wrap-up codes, queues, agents (users) with their skills, memberships and routing state, and the
-- interactions waiting in queues. Every node reads and claims from these tables, so a second node sees the same
-- agents and queues; an offer is claimed in one transaction (rows locked FOR UPDATE SKIP LOCKED and moved by
-- conditional updates), so two nodes never offer one agent two calls.
CREATE TABLE routing_skill (
    id            UUID PRIMARY KEY,
    name          TEXT        NOT NULL UNIQUE,
    date_created  TIMESTAMPTZ NOT NULL,
    date_modified TIMESTAMPTZ NOT NULL,
    version       INT         NOT NULL DEFAULT 1
);

CREATE TABLE routing_wrapup_code (
    id            UUID PRIMARY KEY,
    name          TEXT        NOT NULL UNIQUE,
    date_created  TIMESTAMPTZ NOT NULL,
    date_modified TIMESTAMPTZ NOT NULL,
    version       INT         NOT NULL DEFAULT 1
);

CREATE TABLE routing_queue (
    id                    UUID PRIMARY KEY,
    name                  TEXT        NOT NULL UNIQUE,
    description           TEXT,
    priority              INT         NOT NULL DEFAULT 0,     -- default priority of the interactions entering it
    alerting_timeout_s    INT         NOT NULL DEFAULT 8 CHECK (alerting_timeout_s > 0),
    wrapup_timeout_s      INT         NOT NULL DEFAULT 60 CHECK (wrapup_timeout_s >= 0),
    relax_after_s         INT         CHECK (relax_after_s > 0),  -- null: skills never relax
    relax_skill_ids       UUID[]      NOT NULL DEFAULT '{}',      -- empty: every skill relaxes
    timeout_s             INT         CHECK (timeout_s > 0),      -- null: waits until answered or abandoned
    overflow_queue_id     UUID        REFERENCES routing_queue (id) ON DELETE SET NULL,
    overflow_flow_id      TEXT,
    music_on_hold         TEXT,
    announce_position     BOOLEAN     NOT NULL DEFAULT false,
    announce_wait_time    BOOLEAN     NOT NULL DEFAULT false,
    announce_interval_s   INT         NOT NULL DEFAULT 30 CHECK (announce_interval_s > 0),
    date_created          TIMESTAMPTZ NOT NULL,
    date_modified         TIMESTAMPTZ NOT NULL,
    version               INT         NOT NULL DEFAULT 1
);

-- An agent is a user. sip_user names its phone's credentials (agent_sip_credential), which may come later.
CREATE TABLE routing_user (
    id             UUID PRIMARY KEY,
    name           TEXT        NOT NULL,
    email          TEXT UNIQUE,
    sip_user       TEXT UNIQUE,
    state          TEXT        NOT NULL DEFAULT 'OFFLINE'
        CHECK (state IN ('OFFLINE', 'AVAILABLE', 'ALERTING', 'ON_CALL', 'WRAP_UP', 'BREAK', 'NOT_RESPONDING')),
    state_reason   TEXT,
    state_since    TIMESTAMPTZ NOT NULL,
    state_until    TIMESTAMPTZ,          -- end of an alert or of a wrap-up
    idle_since     TIMESTAMPTZ,          -- when it last became AVAILABLE: longest idle is offered first
    interaction_id UUID,                 -- the interaction offered to it or being handled
    date_created   TIMESTAMPTZ NOT NULL,
    date_modified  TIMESTAMPTZ NOT NULL,
    version        INT         NOT NULL DEFAULT 1
);
CREATE INDEX routing_user_available ON routing_user (idle_since) WHERE state = 'AVAILABLE';

CREATE TABLE routing_user_skill (
    user_id     UUID NOT NULL REFERENCES routing_user (id) ON DELETE CASCADE,
    skill_id    UUID NOT NULL REFERENCES routing_skill (id) ON DELETE CASCADE,
    proficiency INT  NOT NULL CHECK (proficiency BETWEEN 0 AND 5),
    PRIMARY KEY (user_id, skill_id)
);

CREATE TABLE routing_queue_member (
    queue_id UUID NOT NULL REFERENCES routing_queue (id) ON DELETE CASCADE,
    user_id  UUID NOT NULL REFERENCES routing_user (id) ON DELETE CASCADE,
    PRIMARY KEY (queue_id, user_id)
);
CREATE INDEX routing_queue_member_user ON routing_queue_member (user_id);

CREATE TABLE routing_interaction (
    id               UUID PRIMARY KEY,
    queue_id         UUID        NOT NULL REFERENCES routing_queue (id) ON DELETE CASCADE,
    priority         INT         NOT NULL,
    skill_ids        UUID[]      NOT NULL DEFAULT '{}',   -- at most 5, checked by the service
    state            TEXT        NOT NULL
        CHECK (state IN ('WAITING', 'OFFERED', 'CONNECTED', 'ENDED', 'ABANDONED', 'OVERFLOWED', 'TIMED_OUT')),
    created_at       TIMESTAMPTZ NOT NULL,
    enqueued_at      TIMESTAMPTZ NOT NULL,               -- place in the queue; kept when an offer goes unanswered
    agent_id         UUID,
    offer_count      INT         NOT NULL DEFAULT 0,
    overflow_flow_id TEXT,
    wrapup_code_id   UUID REFERENCES routing_wrapup_code (id) ON DELETE SET NULL,
    wrapup_notes     TEXT,
    ended_at         TIMESTAMPTZ
);
CREATE INDEX routing_interaction_waiting ON routing_interaction (queue_id, enqueued_at) WHERE state = 'WAITING';
CREATE INDEX routing_interaction_queue_state ON routing_interaction (queue_id, state);
