-- Traces of flow executions (docs/FLOWS.md, "How flows run"): one row per run of a flow version on a call, and
-- one row per node it went through, written as it goes, so a crash leaves the steps taken so far. Kept with the
-- interaction through call_id (routing_interaction.call_id).
CREATE TABLE ivr_execution (
    id                UUID        PRIMARY KEY,
    call_id           TEXT        NOT NULL,
    flow_id           UUID        NOT NULL REFERENCES ivr_flow (id),
    flow_version_id   UUID        NOT NULL REFERENCES ivr_flow_version (id),
    did               TEXT,                               -- the number called (inbound), as E.164
    caller            TEXT,                               -- the caller's number
    started_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ,                        -- NULL while running (or when the node died)
    outcome           TEXT        NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'hungUp', 'queued',
                          'transferred', 'overflowed', 'callerHungUp', 'ended', 'error')),
    detail            TEXT,                               -- why it ended (the error, the overflow target, ...)
    variables         JSONB       NOT NULL DEFAULT '{}',  -- flow variables at the end
    participant_data  JSONB       NOT NULL DEFAULT '{}',  -- what setData attached (shown to the agent)
    previous_id       UUID        REFERENCES ivr_execution (id)  -- the execution that overflowed into this one
);
CREATE INDEX ivr_execution_call ON ivr_execution (call_id, started_at);

CREATE TABLE ivr_execution_step (
    execution_id UUID        NOT NULL REFERENCES ivr_execution (id),
    seq          INTEGER     NOT NULL,                    -- 1, 2, ... in the order run
    node_id      TEXT        NOT NULL,
    node_type    TEXT        NOT NULL,
    at           TIMESTAMPTZ NOT NULL,                    -- when the node started
    took_ms      BIGINT      NOT NULL,
    outcome      TEXT        NOT NULL,                    -- the branch taken (next, success, choice:1, ...) or error
    detail       TEXT,
    PRIMARY KEY (execution_id, seq)
);
