package org.opendialer.campaign.runner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.settings.CampaignSettings;

/**
 * Which records a scan may take, as SQL over {@code contact} appended to the candidates' WHERE: the auto-dialled
 * ones leave out the records a campaign previews (owned by an agent, or forced to preview) and the callbacks still
 * waiting for the agent who scheduled them ({@code callback_agent_id}, cleared by {@link PreviewReservations#releaseOwnedCallbacks});
 * one agent's preview scan takes its own records and callbacks plus, in preview mode, the unowned ones, and leaves
 * out what was skipped lately.
 */
record PreviewScope(String sql, List<Object> args) {

    static final PreviewScope ALL = new PreviewScope("", List.of());
    /** Column values that force a preview. */
    private static final String TRUE = " IN ('true', 'yes', '1', 'y')";

    /** Another agent's callback, still waiting for it. */
    private static final String NOT_OWNED_CALLBACK = " AND callback_agent_id IS NULL";

    /** The progressive/power/predictive scan: every record except those previewed instead. */
    static PreviewScope autoDialled(CampaignSettings s) {
        CampaignSettings.AgentMode m = s.agentMode();
        if (s.dialingMode() == DialingMode.PREVIEW || s.dialingMode() == DialingMode.AGENTLESS) {
            return ALL;
        }
        StringBuilder sql = new StringBuilder(NOT_OWNED_CALLBACK);
        List<Object> args = new ArrayList<>();
        if (m.agentOwnerColumn() != null) {
            sql.append(" AND coalesce(data->>?, '') = ''");
            args.add(m.agentOwnerColumn());
        }
        if (m.forcePreviewColumn() != null) {
            sql.append(" AND NOT lower(coalesce(data->>?, ''))").append(TRUE);
            args.add(m.forcePreviewColumn());
        }
        return new PreviewScope(sql.toString(), args);
    }

    /**
     * The records that may be previewed to the agent ({@code agentId}, or its SIP user, in the owner column): in
     * preview mode its own and the unowned; in the other agent modes its own and the forced ones (unowned or its).
     * Records skipped within {@code skipHoldSeconds} are left for later.
     */
    static PreviewScope forAgent(CampaignSettings s, UUID campaignId, UUID agentId, String sipUser, Instant now) {
        CampaignSettings.AgentMode m = s.agentMode();
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        String owner = m.agentOwnerColumn();
        String mine = "coalesce(data->>?, '') IN (?, ?)";
        if (s.dialingMode() == DialingMode.PREVIEW) {
            sql.append(" AND (callback_agent_id = ? OR callback_agent_id IS NULL");
            args.add(agentId);
            if (owner != null) {
                sql.append(" AND (coalesce(data->>?, '') = '' OR ").append(mine).append(')');
                args.addAll(List.of(owner, owner, agentId.toString(), sipUser == null ? "" : sipUser));
            }
            sql.append(')');
        } else {
            List<String> any = new ArrayList<>(List.of("callback_agent_id = ?"));
            args.add(agentId);
            if (owner != null) {
                any.add(mine);
                args.addAll(List.of(owner, agentId.toString(), sipUser == null ? "" : sipUser));
            }
            if (m.forcePreviewColumn() != null) {
                String forced = "lower(coalesce(data->>?, ''))" + TRUE;
                args.add(m.forcePreviewColumn());
                if (owner != null) {
                    forced += " AND coalesce(data->>?, '') IN ('', ?, ?)";
                    args.addAll(List.of(owner, agentId.toString(), sipUser == null ? "" : sipUser));
                }
                any.add("(" + forced + ")");
            }
            sql.append(" AND (" + String.join(" OR ", any) + ") AND (callback_agent_id IS NULL OR callback_agent_id = ?)");
            args.add(agentId);
        }
        sql.append(" AND NOT EXISTS (SELECT 1 FROM campaign_preview p WHERE p.campaign_id = ? AND p.contact_id = contact.id"
                + " AND p.state = 'skipped' AND p.decided_at > ?)");
        args.add(campaignId);
        args.add(java.sql.Timestamp.from(now.minusSeconds(m.skipHoldSeconds())));
        return new PreviewScope(sql.toString(), args);
    }

    /** The agent's own callbacks due at {@code now}: scanned before the rest, so a due one is its next card. */
    static PreviewScope ownCallbacks(UUID agentId, Instant now) {
        return new PreviewScope(" AND callback_agent_id = ? AND callback_at <= ?", List.of(agentId, java.sql.Timestamp.from(now)));
    }
}
