package org.opendialer.messaging.sms.smpp;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.opendialer.messaging.sms.OutboundSms;
import org.opendialer.messaging.sms.SendPacer;
import org.opendialer.messaging.sms.SmppConfig;
import org.opendialer.messaging.sms.SmsGateway;
import org.opendialer.messaging.sms.SmsListener;
import org.opendialer.messaging.sms.SmsSegments;
import org.opendialer.messaging.sms.SmsSubmitResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMPP 3.4 ESME over one transceiver bind (jSMPP). The window is a semaphore over concurrent
 * {@code submit_sm}s; the rate and the ESME_RTHROTTLED back-off come from {@link SendPacer}. A dropped link is
 * bound again after {@code reconnectSeconds}; enquire_link keeps an idle link checked. Only the last part of a
 * concatenated message asks for a delivery receipt, so each message gets one receipt.
 */
public final class SmppSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(SmppSmsGateway.class);
    static final int ESME_RTHROTTLED = 0x58;
    static final int ESME_RMSGQFUL = 0x14;
    /** Throttled retries of one part before the message is given back as retryable. */
    static final int MAX_THROTTLE_RETRIES = 20;

    private final SmppConfig config;
    private final SendPacer pacer;
    private final SendPacer.Sleeper sleeper;
    private final Semaphore window;
    private final SmppReceiver receiver;
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("smpp-reconnect").factory());
    private final AtomicInteger references = new AtomicInteger();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder binds = new LongAdder();
    private volatile SMPPSession session;
    private volatile CompletableFuture<SMPPSession> bound = new CompletableFuture<>();
    private volatile boolean closed;

    private SmppSmsGateway(SmppConfig config, Clock clock, SendPacer.Sleeper sleeper) {
        this.config = config;
        this.pacer = new SendPacer(clock, config.maxSubmitsPerSecond());
        this.sleeper = sleeper;
        this.window = new Semaphore(config.windowSize(), true);
        this.receiver = new SmppReceiver(clock);
    }

    /**
     * Binds now when the SMSC answers; when it does not, keeps trying in the background (the node still starts).
     *
     * @param sleeper how pacing waits ({@link SendPacer.Sleeper#REAL} outside tests)
     */
    public static SmppSmsGateway start(SmppConfig config, Clock clock, SendPacer.Sleeper sleeper) {
        SmppSmsGateway g = new SmppSmsGateway(config, clock, sleeper);
        g.bindOrRetry();
        return g;
    }

    private void bindOrRetry() {
        if (closed) {
            return;
        }
        try {
            bindNow();
        } catch (IOException | RuntimeException e) {
            log.warn("SMPP bind to {}:{} failed: {}; retrying in {} s", config.host(), config.port(), e.getMessage(),
                    config.reconnectSeconds());
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (!closed) {
            reconnects.schedule(this::bindOrRetry, config.reconnectSeconds(), TimeUnit.SECONDS);
        }
    }

    private void bindNow() throws IOException {
        SMPPSession s = new SMPPSession();
        s.setEnquireLinkTimer(config.enquireLinkSeconds() * 1000);
        s.setTransactionTimer(config.responseTimeoutMillis());
        s.setMessageReceiverListener(receiver);
        s.addSessionStateListener((now, before, src) -> {
            if (now == SessionState.CLOSED && before.isBound() && !closed) {
                bound = new CompletableFuture<>();
                log.warn("SMPP link to {}:{} closed; binding again in {} s", config.host(), config.port(), config.reconnectSeconds());
                scheduleReconnect();
            }
        });
        s.connectAndBind(config.host(), config.port(), new BindParameter(BindType.BIND_TRX, config.systemId(),
                config.password(), config.systemType(), TypeOfNumber.valueOf((byte) config.sourceTon()),
                NumberingPlanIndicator.valueOf((byte) config.sourceNpi()), null), config.responseTimeoutMillis());
        session = s;
        binds.increment();
        bound.complete(s);
        log.info("SMPP transceiver bound to {}:{} as {}", config.host(), config.port(), config.systemId());
    }

    @Override
    public SmsSubmitResult submit(OutboundSms sms, BooleanSupplier claim) {
        submitted.increment();
        SmsSegments segments = SmsSegments.of(sms.text());
        int reference = references.incrementAndGet() & 0xFF;
        Address src = source(sms.from());
        String dest = sms.to().startsWith("+") ? sms.to().substring(1) : sms.to();
        List<String> ids = new ArrayList<>(segments.count());
        for (int i = 0; i < segments.count(); i++) {
            boolean last = i == segments.count() - 1;
            ESMClass esm = segments.count() > 1 ? new ESMClass((byte) 0x40) : new ESMClass();
            RegisteredDelivery receipt = new RegisteredDelivery(last ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT);
            byte[] payload = segments.payload(i, reference);
            Object outcome = submitPart(src, dest, esm, receipt, segments.encoding().dataCoding(), payload, i,
                    i == 0 ? claim : null);
            if (outcome instanceof SmsSubmitResult r) {
                if (!(r instanceof SmsSubmitResult.Unclaimed)) {
                    rejected.increment();
                }
                return r;
            }
            ids.add((String) outcome);
        }
        return new SmsSubmitResult.Accepted(ids, segments.encoding());
    }

    /**
     * @param claim asked once, with the slot held, right before the first write; null for later parts
     * @return the SMSC message id, or a {@link SmsSubmitResult} that ends the message
     */
    private Object submitPart(Address src, String dest, ESMClass esm, RegisteredDelivery receipt, byte dataCoding,
                              byte[] payload, int partIndex, BooleanSupplier claim) {
        for (int attempt = 0; ; attempt++) {
            SMPPSession s = awaitBound();
            if (s == null) {
                return new SmsSubmitResult.Rejected(-1, "not bound to the SMSC " + config.host() + ":" + config.port(), true, partIndex);
            }
            try {
                window.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SmsSubmitResult.Rejected(-1, "interrupted", true, partIndex);
            }
            try {
                sleeper.sleep(pacer.reserve());
                if (claim != null) {
                    if (!claimed(claim)) {
                        return new SmsSubmitResult.Unclaimed();
                    }
                    claim = null; // a throttled retry of this part is the same claimed message
                }
                String id = s.submitShortMessage("", src.ton(), src.npi(), src.address(), TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN, dest, esm, (byte) 0, (byte) 1, null, null, receipt, (byte) 0,
                        new GeneralDataCoding(org.jsmpp.bean.Alphabet.valueOf(dataCoding)), (byte) 0, payload).getMessageId();
                pacer.succeeded();
                accepted.increment();
                return id;
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                boolean busy = status == ESME_RTHROTTLED || status == ESME_RMSGQFUL;
                if (busy) {
                    throttled.increment();
                    pacer.throttled();
                    if (attempt < MAX_THROTTLE_RETRIES) {
                        continue;
                    }
                }
                return new SmsSubmitResult.Rejected(status, SmppStatus.describe(status), busy, partIndex);
            } catch (ResponseTimeoutException | IOException e) {
                // written (or half written) and unanswered: the SMSC may have it, a resend could be a duplicate
                return new SmsSubmitResult.Unanswered("no answer from the SMSC: " + e.getMessage(), partIndex);
            } catch (PDUException | InvalidResponseException e) {
                return new SmsSubmitResult.Rejected(-1, "invalid PDU: " + e.getMessage(), false, partIndex);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claim != null ? new SmsSubmitResult.Rejected(-1, "interrupted", true, partIndex)
                        : new SmsSubmitResult.Unanswered("interrupted while waiting for the SMSC", partIndex);
            } finally {
                window.release();
            }
        }
    }

    private static boolean claimed(BooleanSupplier claim) {
        try {
            return claim.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("claim before submit failed, not sending: {}", e.toString());
            return false;
        }
    }

    private SMPPSession awaitBound() {
        SMPPSession s = session;
        if (s != null && s.getSessionState().isBound()) {
            return s;
        }
        try {
            return bound.get(config.responseTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    private record Address(TypeOfNumber ton, NumberingPlanIndicator npi, String address) {
    }

    /** E.164 with '+': international/ISDN; letters: alphanumeric; otherwise the configured TON/NPI. */
    private Address source(String from) {
        String a = from.isBlank() ? config.sourceAddress() : from;
        if (a.startsWith("+")) {
            return new Address(TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, a.substring(1));
        }
        if (!a.chars().allMatch(Character::isDigit)) {
            return new Address(TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, a);
        }
        return new Address(TypeOfNumber.valueOf((byte) config.sourceTon()),
                NumberingPlanIndicator.valueOf((byte) config.sourceNpi()), a);
    }

    @Override
    public void setListener(SmsListener listener) {
        receiver.listener = listener == null ? SmsListener.NONE : listener;
    }

    @Override
    public boolean isBound() {
        SMPPSession s = session;
        return s != null && s.getSessionState().isBound();
    }

    @Override
    public SmsStats stats() {
        return new SmsStats(submitted.sum(), accepted.sum(), rejected.sum(), throttled.sum(), receiver.receipts.sum(),
                receiver.inbound.sum(), binds.sum());
    }

    /** Test hook and operator action: drop the link as if the network failed (the gateway binds again). */
    public void dropLink() {
        SMPPSession s = session;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnects.shutdownNow();
        SMPPSession s = session;
        if (s != null) {
            s.setTransactionTimer(2000); // do not hold a shutdown for 10 s when the SMSC does not answer the unbind
            s.unbindAndClose();
        }
        bound.cancel(false);
    }
}
