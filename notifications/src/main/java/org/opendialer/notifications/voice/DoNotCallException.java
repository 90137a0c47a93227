package org.opendialer.notifications.voice;

/** The number is on the do-not-call list: nothing was dialled. */
public class DoNotCallException extends RuntimeException {
    public DoNotCallException(String number) {
        super(number + " is on the do-not-call list (phone consent ledger); the call was not placed");
    }
}
