package org.opendialer.demo;

/** What the simulated PSTN does with a call, chosen by the dialled number ({@link PatternTable}). */
public enum Behaviour {
    /** Rings, answers, says a short greeting, then listens; presses the rule's key once it has heard a prompt. */
    PERSON("answers after a few rings, says a short hello, listens; presses the key when one is set"),
    /** Rings, answers, plays a long greeting and a beep, then "records" (listens) until hung up. */
    VOICEMAIL("answers, plays a voicemail greeting and a beep, then records silence"),
    /** 486 Busy Here, Q.850 17. */
    BUSY("486 Busy Here (Q.850 17)"),
    /** 180 Ringing until the caller cancels (a safety cap ends it with 480 after two minutes). */
    NO_ANSWER("rings until CANCEL"),
    /** 183 with the intercept SIT and silence twice as early media, then 404 (Q.850 1): a disconnected number. */
    SIT("SIT tones (intercept) in early media, then 404 (Q.850 1)"),
    /** Answers with fax calling tones (CNG, 1100 Hz 0.5 s every 3.5 s). */
    FAX("answers with fax CNG tones"),
    /** 502 Bad Gateway with Q.850 27 (destination out of order): the number cannot be reached. */
    UNREACHABLE("502 (Q.850 27, destination out of order)");

    private final String description;

    Behaviour(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
