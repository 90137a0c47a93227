-- A callback an agent scheduled (from a preview card or from any campaign call's screen pop) is the scheduling
-- agent's for a while once due: the campaign previews it to that agent only while the agent is signed in and on the
-- campaign's queue, at most agentMode.callbackOwnerWaitSeconds; then (or at once if the agent is away) the runner
-- clears this column, logs why (callbackToQueue) and the callback goes to any agent of the queue.
ALTER TABLE contact ADD COLUMN callback_agent_id UUID;
CREATE INDEX contact_callback_owned ON contact (list_id, callback_at) WHERE callback_agent_id IS NOT NULL;
