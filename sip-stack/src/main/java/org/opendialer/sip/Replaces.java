package org.opendialer.sip;

/**
 * The dialog an attended transfer's target is to replace (RFC 3891), as carried in a REFER's Refer-To.
 *
 * @param callId    Call-ID of the dialog to replace
 * @param toTag     its to-tag as the referring phone names it
 * @param fromTag   its from-tag
 * @param earlyOnly {@code early-only}: replace only a dialog not yet answered
 */
public record Replaces(String callId, String toTag, String fromTag, boolean earlyOnly) { }
