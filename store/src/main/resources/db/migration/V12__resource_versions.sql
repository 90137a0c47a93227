-- API convention (issue 16): every resource the API serves has a version, 1 when created and one more on each
-- change, and a modification time where the row can change. A trigger keeps both, so no writer can forget them
-- and an UPDATE that changes nothing (the seeded admin client on each start) bumps nothing.

CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END $$;

-- For rows whose writers never kept a modification time.
CREATE FUNCTION bump_version_and_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.version := OLD.version + 1;
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END $$;

ALTER TABLE oauth_client ADD COLUMN version INT NOT NULL DEFAULT 1;
ALTER TABLE oauth_client ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE oauth_client SET updated_at = created_at;
ALTER TABLE oauth_client ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
CREATE TRIGGER oauth_client_version BEFORE UPDATE ON oauth_client
    FOR EACH ROW EXECUTE FUNCTION bump_version_and_touch();

ALTER TABLE voice_call ADD COLUMN version INT NOT NULL DEFAULT 1;
ALTER TABLE voice_call ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE voice_call SET updated_at = COALESCE(ended_at, answered_at, created_at);
ALTER TABLE voice_call ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
CREATE TRIGGER voice_call_version BEFORE UPDATE ON voice_call
    FOR EACH ROW EXECUTE FUNCTION bump_version_and_touch();

-- message and messaging_campaign: their writers keep updated_at already.
ALTER TABLE message ADD COLUMN version INT NOT NULL DEFAULT 1;
CREATE TRIGGER message_version BEFORE UPDATE ON message FOR EACH ROW EXECUTE FUNCTION bump_version();
ALTER TABLE messaging_campaign ADD COLUMN version INT NOT NULL DEFAULT 1;
CREATE TRIGGER messaging_campaign_version BEFORE UPDATE ON messaging_campaign
    FOR EACH ROW EXECUTE FUNCTION bump_version();

-- Written once, never updated: the version stays 1 (kept so every resource has one) and no modification time.
ALTER TABLE contact_list ADD COLUMN version INT NOT NULL DEFAULT 1;
CREATE TRIGGER contact_list_version BEFORE UPDATE ON contact_list FOR EACH ROW EXECUTE FUNCTION bump_version();
ALTER TABLE message_template ADD COLUMN version INT NOT NULL DEFAULT 1;
CREATE TRIGGER message_template_version BEFORE UPDATE ON message_template
    FOR EACH ROW EXECUTE FUNCTION bump_version();

-- A do-not-contact entry changes when the address is put on the ledger again (new source and note).
ALTER TABLE consent_block ADD COLUMN version INT NOT NULL DEFAULT 1;
ALTER TABLE consent_block ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE consent_block SET updated_at = created_at;
ALTER TABLE consent_block ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
CREATE TRIGGER consent_block_version BEFORE UPDATE ON consent_block
    FOR EACH ROW EXECUTE FUNCTION bump_version_and_touch();
