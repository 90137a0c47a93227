package org.opendialer.messaging.sms;

/**
 * Sends SMS to an aggregator and reports receipts and inbound messages. {@link #submit} blocks until the
 * aggregator has answered every part: call it from virtual threads; concurrent callers share the bind's window.
 */
public interface SmsGateway extends AutoCloseable {

    SmsSubmitResult submit(OutboundSms sms);

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
            public SmsSubmitResult submit(OutboundSms sms) {
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
