-- Agent phones' registered contacts (the SIP registrar's bindings), so a restart does not forget phones. Written
-- on every REGISTER that changes a binding; rows past expires_at are ignored and pruned at the next start.
CREATE TABLE agent_registration (
    username    TEXT        NOT NULL REFERENCES agent_sip_credential (username) ON DELETE CASCADE,
    contact     TEXT        NOT NULL,
    source_host TEXT        NOT NULL,
    source_port INTEGER     NOT NULL CHECK (source_port BETWEEN 1 AND 65535),
    transport   TEXT        NOT NULL CHECK (transport IN ('udp', 'tcp', 'tls')),
    expires_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (username, contact)
);
