package org.opendialer.campaign.settings;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;

/**
 * The result of one attempt, as stored ({@link #wire()}) in {@code dial_attempt.result} and
 * {@code contact.last_result}. Finals end the contact's dialing; the others may be retried after the campaign's
 * delay for them.
 */
@EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
public enum ResultKind {
    /** A person heard the message or was handed to the flow. */
    HUMAN(true),
    /** Agent modes: a person was connected to an agent of the campaign's queue. */
    AGENT(true),
    /** Agent modes: a person got no agent within the grace and heard the safe-harbour message; retried later. */
    ABANDONED(false),
    /** A machine got the message after its greeting. */
    MACHINE_MESSAGE(true),
    /** A machine, hung up on without a message: retried after the machine delay. */
    MACHINE(false),
    BUSY(false),
    NO_ANSWER(false),
    /** A SIT or a cause for a number that does not exist: the number is never dialled again. */
    SIT_DISCONNECTED(false),
    /** Fax, no speech, refused, network trouble, anything else. */
    FAILED(false),
    /** Claimed and maybe dialled, but its node died or stopped before the result was known. */
    INTERRUPTED(false);

    private final boolean fin;

    ResultKind(boolean fin) {
        this.fin = fin;
    }

    public boolean isFinal() {
        return fin;
    }

    /** The stored and API form: {@code noAnswer}, {@code sitDisconnected}. */
    public String wire() {
        return EnumNamingStrategies.CamelCaseStrategy.INSTANCE.convertEnumToExternalName(name());
    }

    /** The result stored as {@code s}; empty for values other writers put in {@code contact.last_result}. */
    public static java.util.Optional<ResultKind> ofWire(String s) {
        for (ResultKind k : values()) {
            if (k.wire().equals(s)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
