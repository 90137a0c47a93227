-- Campaign operations (issue 15): a campaign can be paused. PAUSED dials no new contact while its calls in flight
-- end normally; the runner keeps its pacer and abandon meter, so a resume continues where the pause began.
ALTER TABLE voice_campaign DROP CONSTRAINT voice_campaign_status_check;
ALTER TABLE voice_campaign ADD CONSTRAINT voice_campaign_status_check
    CHECK (status IN ('on', 'off', 'stopping', 'complete', 'paused'));
DROP INDEX voice_campaign_running;
CREATE INDEX voice_campaign_running ON voice_campaign (status) WHERE status IN ('on', 'stopping', 'paused');

-- Campaign priority moves to Genesys' scale (1 lowest .. 5 highest, default 5) from ours (1 first .. 10 last):
-- 1-2 -> 5, 3-4 -> 4, 5-6 -> 3, 7-8 -> 2, 9-10 -> 1, so stored campaigns keep their order among themselves.
UPDATE voice_campaign SET priority = 5 - (priority - 1) / 2;
UPDATE voice_campaign SET settings = jsonb_set(settings, '{priority}', to_jsonb(priority));
ALTER TABLE voice_campaign ALTER COLUMN priority SET DEFAULT 5;
ALTER TABLE voice_campaign ADD CONSTRAINT voice_campaign_priority_range CHECK (priority BETWEEN 1 AND 5);

-- External DNC lists (Genesys dncSourceType): 'rds' lists hold their own entries (dnc_entry); a 'dncCom' list is
-- the DNC.com Scrub API asked before each call. Its login id must be usable to call the provider, so it cannot be
-- hashed: it is stored sealed (AES-256-GCM under the nodes' DIALER_SECRETS_KEY, never in the database) and never
-- returned by the API.
ALTER TABLE dnc_list ADD COLUMN dnc_source_type TEXT NOT NULL DEFAULT 'rds' CHECK (dnc_source_type IN ('rds', 'dncCom'));
ALTER TABLE dnc_list ADD COLUMN login_id_sealed TEXT;
