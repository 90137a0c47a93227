package org.opendialer.messaging.sms;

/** Receives what the aggregator sends us. Called on the transport's threads: hand long work elsewhere. */
public interface SmsListener {

    void onReceipt(SmsReceipt receipt);

    void onInbound(InboundSms sms);

    SmsListener NONE = new SmsListener() {
        @Override
        public void onReceipt(SmsReceipt receipt) {
        }

        @Override
        public void onInbound(InboundSms sms) {
        }
    };
}
