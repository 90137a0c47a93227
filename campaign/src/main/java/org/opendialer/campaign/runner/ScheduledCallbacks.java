package org.opendialer.campaign.runner;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.store.Jdbc;

/**
 * A contact's scheduled callback, cancelled (Genesys disconnects a scheduled callback; ours is a contact's
 * {@code callback_at}, V35/V38/V39): the time, the agent it waits for and its own number go in one statement, so
 * the contact is judged on its own numbers again from the next pass, and the decision log says who cancelled what.
 * The way out for a callback whose number the gate refuses (DNC, SIT-disconnected, limit), which otherwise stays
 * scheduled. Blocks (JDBC).
 */
public final class ScheduledCallbacks {

    /** The callback as it was before it was cancelled; {@code number} null: the contact's own numbers. */
    public record Cancelled(UUID campaignId, String contactId, Instant at, String number) {
    }

    private final Jdbc jdbc;
    private final CampaignStore campaigns;
    private final Clock clock;

    public ScheduledCallbacks(DataSource ds, CampaignStore campaigns, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /**
     * Cancels the callback scheduled for {@code contactId} of the campaign's list. Its {@code skip_reason} goes too:
     * it may be the callback number's refusal, and the next pass writes the contact's own again. A campaign that
     * completed (a refused callback number is not pending) is turned on again. A callback already claimed (its call
     * placed) is no longer scheduled.
     *
     * @param by who cancels, for the decision log (an API client's id)
     * @throws NoSuchElementException no such campaign, no such contact in its list, or no callback scheduled for it
     */
    public Cancelled cancel(UUID campaignId, String contactId, String by) {
        Campaign campaign = campaigns.require(campaignId);
        UUID listId = campaign.settings().contactListId();
        Instant now = clock.instant();
        return jdbc.tx("cancel callback", c -> {
            Cancelled was;
            // the old row (locked) is read by the same statement that clears it: nothing can schedule in between
            try (PreparedStatement st = c.prepareStatement("UPDATE contact k SET callback_at = NULL, callback_agent_id = NULL,"
                    + " callback_number = NULL, skip_reason = NULL FROM (SELECT list_id, id, callback_at, callback_number"
                    + " FROM contact WHERE list_id = ? AND id = ? AND callback_at IS NOT NULL FOR UPDATE) old"
                    + " WHERE k.list_id = old.list_id AND k.id = old.id RETURNING old.callback_at, old.callback_number")) {
                st.setObject(1, listId);
                st.setString(2, contactId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no callback scheduled for contact " + contactId + " of campaign "
                                + campaignId);
                    }
                    Timestamp at = rs.getTimestamp(1);
                    was = new Cancelled(campaignId, contactId, at.toInstant(), rs.getString(2));
                }
            }
            // a refused callback number no longer counts as pending, so its campaign may have completed on it:
            // on again, the runner judges the contact (and completes the campaign again if nothing is left)
            boolean reopen = PreviewReservations.exec(c, "UPDATE voice_campaign SET status = ?, modified_at = now(),"
                    + " version = version + 1 WHERE id = ? AND status = ?", CampaignStore.wire(CampaignStatus.ON),
                    campaignId, CampaignStore.wire(CampaignStatus.COMPLETE)) == 1;
            Decisions.log(c, campaignId, contactId, now, new Verdict(false, "callbackCancelled", was.number(),
                    was.number() == null ? null : Candidate.CALLBACK_COLUMN, "the callback for " + was.at()
                    + (was.number() == null ? "" : " to " + was.number()) + " was cancelled by " + by
                    + "; the contact's own numbers are judged again" + (reopen ? "; the campaign, complete, is on again"
                    : "")));
            return was;
        });
    }
}
