-- A campaign call's attempt found by its Call-ID: the agent's screen pop reads it on every desktop view (a callback's
-- own number), and a callback from a call finds its record through it; without this, each scans the campaign's
-- attempts.
CREATE INDEX dial_attempt_call ON dial_attempt (call_id);
