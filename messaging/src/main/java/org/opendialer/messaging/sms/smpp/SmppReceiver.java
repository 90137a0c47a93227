package org.opendialer.messaging.sms.smpp;

import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.opendialer.messaging.sms.InboundSms;
import org.opendialer.messaging.sms.SmsListener;
import org.opendialer.messaging.sms.SmsReceipt;
import org.opendialer.messaging.sms.SmsSegments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns deliver_sm into receipts and inbound messages (concatenated ones joined first). When the listener fails (say the database is down) the
 * deliver_sm is answered ESME_RSYSERR so the SMSC delivers it again rather than it being lost.
 */
final class SmppReceiver implements MessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(SmppReceiver.class);
    private static final int ESME_RSYSERR = 0x08;
    /** SMPP 3.4 TLV receipted_message_id, preferred over the id in the receipt text when present. */
    private static final short TAG_RECEIPTED_MESSAGE_ID = 0x001E;

    private final Clock clock;
    volatile SmsListener listener = SmsListener.NONE;
    final LongAdder receipts = new LongAdder();
    final LongAdder inbound = new LongAdder();
    final LongAdder malformed = new LongAdder();

    private final ConcatenatedParts concatenated;

    SmppReceiver(Clock clock) {
        this.clock = clock;
        this.concatenated = new ConcatenatedParts(clock);
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm d) throws ProcessRequestException {
        try {
            if (d.isSmscDeliveryReceipt()) {
                DeliveryReceipt r = d.getShortMessageAsDeliveryReceipt();
                String id = r.getId();
                OptionalParameter tlv = d.getOptionalParameter(TAG_RECEIPTED_MESSAGE_ID);
                if (tlv instanceof OptionalParameter.COctetString s) {
                    id = s.getValueAsString();
                }
                receipts.increment();
                listener.onReceipt(new SmsReceipt(id, SmsReceipt.State.fromStat(r.getFinalStatus().name()),
                        r.getError() == null ? "" : r.getError(), clock.instant()));
            } else {
                byte[] body = d.getShortMessage() == null ? new byte[0] : d.getShortMessage();
                String text = SmsSegments.decode(body, d.getDataCoding(), d.isUdhi());
                String from = d.getSourceAddrTon() == 1 ? "+" + d.getSourceAddr() : d.getSourceAddr();
                var header = d.isUdhi() ? ConcatenatedParts.header(body) : java.util.Optional.<ConcatenatedParts.Header>empty();
                var whole = header.isPresent() ? concatenated.add(from, d.getDestAddress(), header.get(), text) : java.util.Optional.of(text);
                if (whole.isPresent()) {
                    inbound.increment();
                    listener.onInbound(new InboundSms(from, d.getDestAddress(), whole.get(), clock.instant()));
                }
            }
        } catch (InvalidDeliveryReceiptException e) {
            malformed.increment();
            log.warn("unreadable delivery receipt dropped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("deliver_sm from {} not processed, the SMSC will retry: {}", d.getSourceAddr(), e.toString());
            throw new ProcessRequestException("not processed: " + e.getMessage(), ESME_RSYSERR);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", 0x03);
    }
}
