package org.opendialer.campaign.calls;

/** Where a notification call is; COMPLETED and FAILED are final. */
public enum CallState {
    QUEUED, DIALING, RINGING, ANSWERED, COMPLETED, FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
