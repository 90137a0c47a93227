-- The call side of the ACD. Only the node holding the caller's CallSession can ring the agent and bridge: the
-- interaction names that node, and every node beats a heartbeat so a dead node's interactions can be closed by
-- any other.
ALTER TABLE routing_interaction
    ADD COLUMN node_id TEXT,              -- node holding the caller's session; null: not a call
    ADD COLUMN control TEXT;              -- agent's pending request (hangup, queue:<id>, number:<e164>), run by node_id
CREATE INDEX routing_interaction_node ON routing_interaction (node_id) WHERE state IN ('WAITING', 'OFFERED', 'CONNECTED');

-- Ask the agent's phone to answer by itself (Call-Info answer-after=0 and Alert-Info auto-answer on the INVITE).
ALTER TABLE routing_user ADD COLUMN auto_answer BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE acd_node (
    id      TEXT PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL
);
