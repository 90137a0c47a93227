-- A campaign whose pacer is at its abandon cap (CAPPED) on a node: the other nodes hold that campaign's queue (its
-- peers there, and its own pacer there, dial 1:1) while the row is fresh. Each node keeps only its own campaigns'
-- pacers, so without this a cap reached on one node held nobody on the others. Written on entering CAPPED and
-- refreshed every few seconds while it lasts, deleted on leaving it; a dead node's row goes stale
-- (CrossNodeCaps.FRESH_FOR) and the node's rows are deleted when it starts again.
CREATE TABLE campaign_cap (
    campaign_id  UUID        NOT NULL,
    node         TEXT        NOT NULL,   -- the runner's node id, as dial_attempt.node
    queue_id     UUID        NOT NULL,
    capped_at    TIMESTAMPTZ NOT NULL,   -- last written: entering CAPPED or a refresh while still in it
    PRIMARY KEY (campaign_id, node)
);
CREATE INDEX campaign_cap_queue ON campaign_cap (queue_id, capped_at);
