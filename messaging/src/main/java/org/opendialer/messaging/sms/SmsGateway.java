package org.opendialer.messaging.sms;

import java.util.function.BooleanSupplier;

/**
 * Sends SMS to an aggregator and reports receipts and inbound messages. {@link #submit} blocks until the
 * aggregator has answered every part: call it from virtual threads; concurrent callers share the bind's window.
 */
public interface SmsGateway extends AutoCloseable {

    /** {@link #submit(OutboundSms, BooleanSupplier)} without a claim. */
    default SmsSubmitResult submit(OutboundSms sms) {
        return submit(sms, () -> true);
    }

    /**
     * Submits after asking {@code claim}, which runs once the link is bound, a window slot is held and the pace
     * allows, right before the first part is written: a message claimed durably there is on the wire at once, so
     * at most a window of claimed messages can be in doubt when the process dies. {@code claim} answering false
     * (or throwing) sends nothing and gives {@link SmsSubmitResult.Unclaimed}.
     */
    SmsSubmitResult submit(OutboundSms sms, BooleanSupplier claim);

    void setListener(SmsListener listener);

    boolean isBound();

    /** Counters since start. */
    SmsStats stats();

    @Override
    void close();

    /** Counters of one gateway. */
    record SmsStats(long submitted, long partsAccepted, long rejected, long throttled, long receipts, long inbound,
                    long binds) {
    }

    /** A gateway for a node with SMS switched off: every submit is refused, nothing listens. */
    static SmsGateway disabled() {
        return new SmsGateway() {
            @Override
            public SmsSubmitResult submit(OutboundSms sms, BooleanSupplier claim) {
                return new SmsSubmitResult.Rejected(-1, "SMS is not configured (messaging.sms.enabled is false)", false, 0);
            }

            @Override
            public void setListener(SmsListener listener) {
            }

            @Override
            public boolean isBound() {
                return false;
            }

            @Override
            public SmsStats stats() {
                return new SmsStats(0, 0, 0, 0, 0, 0, 0);
            }

            @Override
            public void close() {
            }
        };
    }
}
