-- A campaign's live answer holding one of its queue's free agents between the answer and its routing_interaction
-- row (a hand-off has 2 s). Kept per node in memory before, so two nodes could both take the queue's last agent.
-- Rows are deleted when the hand-off settles; a row of a node killed meanwhile stops counting after a short while
-- (AgentReservations.LIVE_FOR) and is deleted by the next reservation on its queue.
CREATE TABLE agent_reservation (
    call_id      TEXT        PRIMARY KEY,
    queue_id     UUID        NOT NULL,
    campaign_id  UUID        NOT NULL,
    priority     INT         NOT NULL,   -- the campaign's (1 lowest .. 5 highest)
    node         TEXT        NOT NULL,
    reserved_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX agent_reservation_queue ON agent_reservation (queue_id, priority);
