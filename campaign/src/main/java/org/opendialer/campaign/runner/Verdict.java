package org.opendialer.campaign.runner;

/**
 * Why a contact is, or is not, dialled now: the decision log's row.
 *
 * @param code   {@code dialed} or the reason not to: uncallable, finished, inFlight, attemptLimit, retryDelay,
 *               filtered, schedule, outsideHours, noNumber, invalidNumber, sitDisconnected, numberAttemptLimit,
 *               dnc, ringTime
 * @param number the E.164 number dialled (or the one the reason is about), may be null
 * @param column the phone column of {@code number}
 */
public record Verdict(boolean dial, String code, String number, String column, String detail) {

    public static final String DIALED = "dialed";

    static Verdict skip(String code, String detail) {
        return new Verdict(false, code, null, null, detail);
    }

    /** Reasons that hold until someone changes the contact: the contact is marked uncallable for every campaign. */
    public boolean permanent() {
        return !dial && ("sitDisconnected".equals(code) || "noNumber".equals(code));
    }
}
