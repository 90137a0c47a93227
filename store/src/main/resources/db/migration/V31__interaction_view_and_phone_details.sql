-- One read side for /api/v2/interactions: the ACD's voice interactions and the messaging conversations (SMS and
-- email), unioned at read time instead of copied, so neither side's writes change. A conversation's direction and
-- campaign are its first message's; its status is its latest message's.
CREATE INDEX conversation_opened ON conversation (opened_at);

CREATE VIEW interaction AS
SELECT i.id, i.media_type, i.direction, i.state, i.created_at, i.queue_id, i.skill_ids, i.priority,
       i.participant_data, i.call_id, i.customer_address, i.dialed_address, i.campaign_id, i.agent_id,
       i.wrapup_code_id, i.wrapup_notes, i.offer_count, i.enqueued_at, i.connected_at, i.ended_at,
       NULL::text AS message_status, NULL::int AS message_count
FROM routing_interaction i
UNION ALL
SELECT c.id, lower(c.channel), lower(f.direction), CASE WHEN c.closed_at IS NULL THEN 'OPEN' ELSE 'CLOSED' END,
       c.opened_at, NULL::uuid, '{}'::uuid[], 0, '{}'::jsonb, NULL::text, c.their_address, c.our_address, f.campaign_id,
       NULL::uuid, NULL::uuid, NULL::text, 0, NULL::timestamptz, NULL::timestamptz, c.closed_at,
       l.status, n.messages
FROM conversation c
LEFT JOIN LATERAL (SELECT m.direction, m.campaign_id FROM message m WHERE m.conversation_id = c.id
                   ORDER BY m.created_at, m.seq LIMIT 1) f ON true
LEFT JOIN LATERAL (SELECT m.status FROM message m WHERE m.conversation_id = c.id
                   ORDER BY m.created_at DESC, m.seq DESC LIMIT 1) l ON true
LEFT JOIN LATERAL (SELECT count(*)::int AS messages FROM message m WHERE m.conversation_id = c.id) n ON true;

-- Which phone each registered contact is (the stations API shows them): the REGISTER's To URI (address of record)
-- and User-Agent. Rows written before stay null until their phone's next REGISTER.
ALTER TABLE agent_registration
    ADD COLUMN aor        TEXT,
    ADD COLUMN user_agent TEXT;
