-- Calls outlive a stop of the node that runs them:
-- owner_node     the node (calls.nodeId) running the call; at start a node ends only its own calls left unfinished
--                by a crash (NULL: placed before this column existed, ended by whichever node starts first)
-- request_hash   SHA-256 of the accepted request: the same Idempotency-Key with another request is refused
-- webhook_secret the request's webhook key, so the end of a call found unfinished at start is still signed and sent
ALTER TABLE voice_call ADD COLUMN owner_node TEXT;
ALTER TABLE voice_call ADD COLUMN request_hash TEXT;
ALTER TABLE voice_call ADD COLUMN webhook_secret TEXT NOT NULL DEFAULT '';
CREATE INDEX voice_call_unfinished ON voice_call (owner_node) WHERE state NOT IN ('COMPLETED', 'FAILED');
