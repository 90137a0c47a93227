-- Campaign operations (issue 15): a campaign can be paused. PAUSED dials no new contact while its calls in flight
-- end normally; the runner keeps its pacer and abandon meter, so a resume continues where the pause began.
ALTER TABLE voice_campaign DROP CONSTRAINT voice_campaign_status_check;
ALTER TABLE voice_campaign ADD CONSTRAINT voice_campaign_status_check
    CHECK (status IN ('on', 'off', 'stopping', 'complete', 'paused'));
DROP INDEX voice_campaign_running;
CREATE INDEX voice_campaign_running ON voice_campaign (status) WHERE status IN ('on', 'stopping', 'paused');

