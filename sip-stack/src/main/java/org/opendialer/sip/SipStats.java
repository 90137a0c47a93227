package org.opendialer.sip;

/**
 * Counters for health, metrics and leak checks.
 *
 * @param activeLegs         legs not yet ended
 * @param dialogs            dialogs JAIN-SIP still holds
 * @param transactions       client + server transactions JAIN-SIP still holds
 * @param rejectedUntrusted  INVITEs refused with 403 because the source is neither a trunk nor a registered agent
 * @param registrations      agent contacts currently registered
 */
public record SipStats(int activeLegs, int dialogs, int transactions, long rejectedUntrusted, int registrations) { }
