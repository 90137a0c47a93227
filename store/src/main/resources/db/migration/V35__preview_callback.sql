-- Preview: the agent scheduled a callback for the card's record instead of calling it now. 'callback' ends the
-- preview like 'skipped' does (the record back as it was), but without the skip hold: the record waits for its
-- contact.callback_at instead, and is judged by the gate (DNC, hours, limits) when it comes due.
ALTER TABLE campaign_preview DROP CONSTRAINT campaign_preview_state_check;
ALTER TABLE campaign_preview ADD CONSTRAINT campaign_preview_state_check
    CHECK (state IN ('offered', 'dialing', 'skipped', 'released', 'done', 'callback'));
