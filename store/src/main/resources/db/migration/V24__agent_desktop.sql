-- Agent desktop: agents sign in with a password of their own (a PBKDF2 hash, like API client secrets; never the
-- SIP secret, which is kept as a digest HA1 that any holder could use to register the phone), a session number that
-- signing out raises (tokens of older sessions are refused), single-use tickets for the live event streams, and
-- notifications so every node's streams learn of changes made on any node.
ALTER TABLE routing_user
    ADD COLUMN desktop_password_hash TEXT,
    ADD COLUMN desktop_session       INT NOT NULL DEFAULT 0;

-- An EventSource cannot send an Authorization header: the page trades its token for a ticket (hashed here, valid
-- 30 s, deleted when redeemed) and opens the stream with it. Kept in the database so any node can redeem it once.
CREATE TABLE desktop_stream_ticket (
    ticket_hash   TEXT PRIMARY KEY,                -- SHA-256 of the ticket, hex
    subject       TEXT        NOT NULL,            -- the token's subject: agent:<userId>:<session> or a client id
    scopes        TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,            -- when the ticket can no longer be redeemed
    stream_until  TIMESTAMPTZ NOT NULL             -- the token's expiry: the stream closes then
);
CREATE INDEX desktop_stream_ticket_expiry ON desktop_stream_ticket (expires_at);

-- One channel for every routing change; the payload says which row, so a node refreshes only the streams concerned.
CREATE FUNCTION routing_notify() RETURNS trigger AS $$
DECLARE
    r RECORD;
BEGIN
    r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    IF TG_TABLE_NAME = 'routing_user' THEN
        PERFORM pg_notify('routing_change', json_build_object('kind', 'user', 'id', r.id)::text);
    ELSE
        PERFORM pg_notify('routing_change', json_build_object('kind', 'interaction', 'id', r.id,
            'agent', r.agent_id, 'queue', r.queue_id)::text);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER routing_user_notify AFTER INSERT OR UPDATE OR DELETE ON routing_user
    FOR EACH ROW EXECUTE FUNCTION routing_notify();
CREATE TRIGGER routing_interaction_notify AFTER INSERT OR UPDATE OR DELETE ON routing_interaction
    FOR EACH ROW EXECUTE FUNCTION routing_notify();
