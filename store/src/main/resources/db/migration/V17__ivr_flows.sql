-- IVR flows (docs/FLOWS.md). A flow has one editable draft and frozen published versions; a running call keeps the
-- id of the version it started with, so versions are never changed or deleted (a deleted flow is only marked).
CREATE TABLE ivr_flow (
    id          UUID        PRIMARY KEY,
    name        TEXT        NOT NULL,
    description TEXT        NOT NULL DEFAULT '',
    draft       TEXT        NOT NULL,
    revision    INTEGER     NOT NULL DEFAULT 1,    -- the resource's "version": +1 on each change, for If-Match
    created_at  TIMESTAMPTZ NOT NULL,
    modified_at TIMESTAMPTZ NOT NULL,
    deleted_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX ivr_flow_live_name ON ivr_flow (lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE ivr_flow_version (
    id           UUID        PRIMARY KEY,
    flow_id      UUID        NOT NULL REFERENCES ivr_flow (id),
    number       INTEGER     NOT NULL CHECK (number > 0),
    document     TEXT        NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    UNIQUE (flow_id, number)
);

-- The version new calls start with; NULL until the first publish.
ALTER TABLE ivr_flow ADD COLUMN published_version_id UUID REFERENCES ivr_flow_version (id);

-- Dialled numbers (E.164) routed to a flow: a call to the DID runs the flow's published version.
CREATE TABLE ivr_did_route (
    did         TEXT        PRIMARY KEY CHECK (did ~ '^\+[1-9][0-9]{1,14}$'),
    flow_id     UUID        NOT NULL REFERENCES ivr_flow (id),
    revision    INTEGER     NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL,
    modified_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ivr_did_route_flow ON ivr_did_route (flow_id);
