-- SIP credentials of agent phones for the registrar: HA1 = MD5(user:realm:password), never the password itself.
CREATE TABLE agent_sip_credential (
    username   TEXT PRIMARY KEY,
    realm      TEXT        NOT NULL,
    ha1        TEXT        NOT NULL,
    enabled    BOOLEAN     NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
