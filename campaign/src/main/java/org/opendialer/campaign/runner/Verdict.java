package org.opendialer.campaign.runner;

import org.opendialer.campaign.rules.PreCall;

/**
 * Why a contact is, or is not, dialled now: the decision log's row.
 *
 * @param code   {@code dialed} or the reason not to: uncallable, finished, inFlight, attemptLimit, retryDelay,
 *               filtered, schedule, outsideHours, noNumber, invalidNumber, sitDisconnected, numberAttemptLimit,
 *               dnc, ringTime, rule, ruleUncallable
 * @param number the E.164 number dialled (or the one the reason is about), may be null
 * @param column the phone column of {@code number}; {@code callback} for a callback's own number
 * @param rules  what the pre-call rules set for this call (caller ID, priority)
 */
public record Verdict(boolean dial, String code, String number, String column, String detail, PreCall rules) {

    public static final String DIALED = "dialed";

    public Verdict(boolean dial, String code, String number, String column, String detail) {
        this(dial, code, number, column, detail, PreCall.NONE);
    }

    public Verdict withRules(PreCall r) {
        return new Verdict(dial, code, number, column, detail, r);
    }

    static Verdict skip(String code, String detail) {
        return new Verdict(false, code, null, null, detail);
    }

    /**
     * Reasons that hold until someone changes the contact: the contact is marked uncallable for every campaign. A
     * refused callback number is not the contact's: it retires nothing.
     */
    public boolean permanent() {
        return !dial && !Candidate.CALLBACK_COLUMN.equals(column) && ("sitDisconnected".equals(code) || "noNumber".equals(code) || "ruleUncallable".equals(code));
    }
}
