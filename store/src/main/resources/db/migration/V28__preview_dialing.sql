-- Preview dialing: a campaign's contact reserved for one agent, shown on its desktop before any call. The row is
-- the reservation (so a node that dies leaves it for another node, or its own restart, to offer again): while it
-- is 'offered' the contact is marked 'previewing' and no other claim takes it, and the agent is PREVIEWING (no
-- inbound offer). 'dialing' names the attempt committed before the INVITE; 'skipped', 'released' (the agent left)
-- and 'done' are ends. prev_last_result is what the contact said before, restored when nothing was dialled.
CREATE TABLE campaign_preview (
    id               UUID PRIMARY KEY,
    campaign_id      UUID        NOT NULL REFERENCES voice_campaign (id) ON DELETE CASCADE,
    agent_id         UUID        NOT NULL,
    list_id          UUID        NOT NULL,
    contact_id       TEXT        NOT NULL,
    state            TEXT        NOT NULL CHECK (state IN ('offered', 'dialing', 'skipped', 'released', 'done')),
    prev_last_result TEXT,
    attempt_id       UUID,
    offered_at       TIMESTAMPTZ NOT NULL,
    decided_at       TIMESTAMPTZ,
    decided_by       TEXT        -- 'agent' or 'timer'
);
CREATE INDEX campaign_preview_open ON campaign_preview (campaign_id) WHERE state IN ('offered', 'dialing');
CREATE UNIQUE INDEX campaign_preview_one_per_agent ON campaign_preview (agent_id) WHERE state IN ('offered', 'dialing');
CREATE INDEX campaign_preview_skipped ON campaign_preview (campaign_id, contact_id, decided_at) WHERE state = 'skipped';

-- The agent a preview's call is for: the router offers such an interaction to that agent only (no queue wait).
ALTER TABLE routing_interaction ADD COLUMN target_agent_id UUID;

ALTER TABLE routing_user DROP CONSTRAINT routing_user_state_check;
ALTER TABLE routing_user ADD CONSTRAINT routing_user_state_check
    CHECK (state IN ('OFFLINE', 'AVAILABLE', 'PREVIEWING', 'ALERTING', 'ON_CALL', 'WRAP_UP', 'BREAK', 'NOT_RESPONDING'));
