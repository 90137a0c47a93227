package org.opendialer.amd;

/** Outcome of answering-machine detection for one answered call. */
public enum AmdResult {
    /** A live person answered: connect an agent now (the 2 s abandonment clock is running). */
    HUMAN,
    /** Voicemail or another recorded greeting, including network announcements without a SIT. */
    MACHINE,
    /** Fax or modem answer (CNG, CED/ANS or a modem answer tone). */
    FAX,
    /** A special information tone: the number is not reachable; see the accompanying {@link AmdEvent.Tone}. */
    SIT,
    /** Nothing audible within the initial-silence limit. */
    NO_SPEECH,
    /** Analysis time ran out without a clear answer, or only call-progress tones (busy, reorder) were heard. */
    UNKNOWN
}
