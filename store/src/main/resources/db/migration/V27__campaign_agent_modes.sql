-- Agent dialing modes (progressive, power, predictive): who took the call and how long each part took, per attempt.
-- Pacing reads these back; abandoned (V22) is set when no agent was connected within the grace after the greeting.
ALTER TABLE dial_attempt
    ADD COLUMN agent_id         UUID,
    ADD COLUMN interaction_id   UUID,
    ADD COLUMN time_to_agent_ms BIGINT,   -- greeting end (AMD decision, or answer with AMD off) to agent connected
    ADD COLUMN agent_talk_ms    BIGINT,   -- connected to the agent until the call ended
    ADD COLUMN wrap_up_ms       BIGINT;   -- the agent's wrap-up after the call, when its end was known
