package org.opendialer.campaign.runner;

import java.time.Instant;
import java.util.Map;

/**
 * A contact row as the gate sees it: its columns and the dialing state V19 keeps on it (and V22's callback).
 *
 * @param callbackNumber E.164 the callback at {@code callbackAt} is to dial instead of the contact's numbers (V39),
 *                       or null
 */
public record Candidate(String contactId, Map<String, String> data, boolean callable, int attempts, String lastResult,
                        Instant lastAttemptAt, String skipReason, Instant callbackAt, String callbackNumber) {

    /** {@link Verdict#column} of an attempt to a callback's own number: it is in no phone column of the list. */
    public static final String CALLBACK_COLUMN = "callback";

    /** {@code contact.last_result} while an attempt is in flight: no other runner claims it meanwhile. */
    public static final String IN_FLIGHT = "dialing";
    /** {@code contact.last_result} while a preview card shows it to an agent (V28): not claimed by anyone else. */
    public static final String PREVIEWING = "previewing";

    public Candidate {
        data = Map.copyOf(data);
    }

    public String get(String column) {
        String v = data.get(column);
        return v == null ? "" : v;
    }
}
