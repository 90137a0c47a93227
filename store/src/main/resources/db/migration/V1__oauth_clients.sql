-- API clients of the OAuth2 client-credentials grant (RFC 6749 section 4.4).
-- Secrets are never stored: only a salted PBKDF2 hash.
CREATE TABLE oauth_client (
    client_id   TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    secret_hash TEXT        NOT NULL,
    scopes      TEXT[]      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    disabled    BOOLEAN     NOT NULL DEFAULT FALSE
);

-- The key that signs access tokens. It lives in the database so that every node sharing it accepts the
-- tokens any node issued.
CREATE TABLE api_signing_key (
    id         INT PRIMARY KEY,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
