package org.opendialer.demo;

/** What the simulated PSTN does with a call, chosen by the dialled number ({@link PatternTable}). */
public enum Behaviour {
    /** Rings, answers, says a short greeting, then listens; presses the rule's key once it has heard a prompt. */
    PERSON("a person: answers, says a short hello, then listens"),
    /** Rings, answers, plays a long greeting and a beep, then "records" (listens) until hung up. */
    VOICEMAIL("a voicemail: answers, plays a greeting and a beep, then records"),
    /** 486 Busy Here, Q.850 17. */
    BUSY("busy: 486 (Q.850 17)"),
    /** 180 Ringing until the caller cancels (a safety cap ends it with 480 after two minutes). */
    NO_ANSWER("no answer: rings until cancelled"),
    /** 183 with the intercept SIT and silence twice as early media, then 404 (Q.850 1): a disconnected number. */
    SIT("a disconnected number: SIT tones in early media, then 404 (Q.850 1)"),
    /** Answers with fax calling tones (CNG, 1100 Hz 0.5 s every 3.5 s). */
    FAX("a fax: answers with CNG tones"),
    /** 502 Bad Gateway with Q.850 27 (destination out of order): the number cannot be reached. */
    UNREACHABLE("unreachable: 502 (Q.850 27, destination out of order)");

    private final String description;

    Behaviour(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
