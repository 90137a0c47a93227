package org.opendialer.messaging.sms.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.opendialer.messaging.sms.SmsSegments;

/**
 * An SMSC in this process on 127.0.0.1 (jSMPP server side): accepts transceiver binds with one system id and
 * password, answers submit_sm through a {@link Policy} (accept, throttle with 0x58, reject with any status), sends
 * delivery receipts and mobile-originated messages on demand. For tests, the benchmark and demos; not a real SMSC.
 */
public final class LoopbackSmsc implements AutoCloseable {

    /** What the SMSC answers to one submit_sm; {@code status} 0 = accepted. */
    public record Answer(int status) {
        public static final Answer ACCEPT = new Answer(0);
        public static final Answer THROTTLE = new Answer(0x58);
    }

    /** Decides the answer to each submit; called on the SMSC's threads. */
    @FunctionalInterface
    public interface Policy extends Function<Submitted, Answer> {
    }

    /** A submit_sm as received, with its text decoded; {@code messageId} is null when it was refused. */
    public record Submitted(String messageId, String from, String to, String text, byte dataCoding, boolean udhi,
                            boolean receiptRequested, byte[] shortMessage) {
    }

    private final String systemId;
    private final String password;
    private final SMPPServerSessionListener listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    /** Unique in the process, so that tests with several SMSCs never see an id twice. */
    private static final AtomicLong ids = new AtomicLong(1_000_000);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Policy policy = s -> Answer.ACCEPT;
    private volatile boolean record = true;
    /** Receipt status sent right after each submit_sm_resp (null: receipts only on demand). */
    private volatile String receiptAtOnce;
    /** Accepted submits waiting for their submit_sm_resp to be written, by SMSC id (for receipts at once). */
    private final java.util.Map<String, Submitted> answering = new java.util.concurrent.ConcurrentHashMap<>();
    private final int port;

    private LoopbackSmsc(String systemId, String password) throws IOException {
        this.systemId = systemId;
        this.password = password;
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = socket.getLocalPort();
        ServerConnectionFactory factory = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int p) {
                return new ServerSocketConnection(socket);
            }

            @Override
            public ServerConnection listen(int p, int timeout) throws IOException {
                socket.setSoTimeout(timeout);
                return new ServerSocketConnection(socket);
            }

            @Override
            public ServerConnection listen(int p, int timeout, int backlog) throws IOException {
                return listen(p, timeout);
            }
        };
        this.listener = new SMPPServerSessionListener(port, factory);
        listener.setMessageReceiverListener(new Receiver());
        listener.setResponseDeliveryListener(new ReceiptAtOnce());
        threads.execute(this::acceptLoop);
    }

    public static LoopbackSmsc start(String systemId, String password) {
        try {
            return new LoopbackSmsc(systemId, password);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public void policy(Policy p) {
        this.policy = p;
    }

    /**
     * Sends a delivery receipt with {@code stat} (DELIVRD, UNDELIV ...) for every accepted submit that asks for
     * one, right after its submit_sm_resp is written, as fast routes and instant rejections do: the receipt can
     * reach the ESME before it has stored the id. Null turns it off.
     */
    public void receiptsAtOnce(String stat) {
        this.receiptAtOnce = stat;
    }

    /** Off for benchmarks: keep counting but do not keep every submit in memory. */
    public void recordSubmits(boolean on) {
        this.record = on;
    }

    public List<Submitted> submitted() {
        return List.copyOf(submitted);
    }

    public long acceptedCount() {
        return accepted.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    public int boundSessions() {
        return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
    }

    /** Drops every client link, as a network failure would. */
    public void dropAll() {
        sessions.forEach(SMPPServerSession::close);
        sessions.clear();
    }

    private void acceptLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                SMPPServerSession s = listener.accept();
                threads.execute(() -> bind(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void bind(SMPPServerSession s) {
        try {
            BindRequest req = s.waitForBind(5000);
            if (systemId.equals(req.getSystemId()) && password.equals(req.getPassword())) {
                req.accept(systemId);
                sessions.add(s);
            } else {
                req.reject(0x0E); // ESME_RINVPASWD
            }
        } catch (Exception e) {
            s.close();
        }
    }

    /** Sends a delivery receipt for {@code messageId} with a 7-letter {@code stat} (DELIVRD, UNDELIV, EXPIRED ...). */
    public void deliverReceipt(String messageId, String to, String from, String stat, String err) {
        deliver(to, from, new ESMClass((byte) 0x04), (byte) 0,
                receiptText(messageId, stat, err).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * Sends a mobile-originated text from {@code from} (E.164 with '+') to our {@code to}; a long text goes as
     * concatenated parts (UDH), last part first when {@code reversed}.
     */
    public void deliverMo(String from, String to, String text, boolean reversed) {
        SmsSegments seg = SmsSegments.of(text);
        int ref = (int) (ids.get() & 0xFF);
        for (int k = 0; k < seg.count(); k++) {
            int i = reversed ? seg.count() - 1 - k : k;
            deliver(from, to, seg.count() > 1 ? new ESMClass((byte) 0x40) : new ESMClass(), seg.encoding().dataCoding(),
                    seg.payload(i, ref));
        }
    }

    public void deliverMo(String from, String to, String text) {
        deliverMo(from, to, text, false);
    }

    private void deliver(String from, String to, ESMClass esm, byte dataCoding, byte[] payload) {
        deliver(sessions.stream().filter(x -> x.getSessionState().isBound()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ESME is bound")), from, to, esm, dataCoding, payload);
    }

    private static String receiptText(String messageId, String stat, String err) {
        return "id:" + messageId + " sub:001 dlvrd:" + ("DELIVRD".equals(stat) ? "001" : "000")
                + " submit date:2601010000 done date:2601010001 stat:" + stat + " err:" + err + " text:";
    }

    private static void deliver(SMPPServerSession s, String from, String to, ESMClass esm, byte dataCoding, byte[] payload) {
        boolean intl = from.startsWith("+");
        try {
            s.deliverShortMessage("", intl ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN,
                    intl ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN, intl ? from.substring(1) : from,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, to.startsWith("+") ? to.substring(1) : to,
                    esm, (byte) 0, (byte) 0, new RegisteredDelivery(), new GeneralDataCoding(org.jsmpp.bean.Alphabet.valueOf(dataCoding)), payload);
        } catch (Exception e) {
            throw new IllegalStateException("deliver_sm failed: " + e, e);
        }
    }

    @Override
    public void close() {
        dropAll();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            byte[] body = sm.getShortMessage() == null ? new byte[0] : sm.getShortMessage();
            String text = SmsSegments.decode(body, sm.getDataCoding(), sm.isUdhi());
            String from = sm.getSourceAddrTon() == 1 ? "+" + sm.getSourceAddr() : sm.getSourceAddr();
            String to = sm.getDestAddrTon() == 1 ? "+" + sm.getDestAddress() : sm.getDestAddress();
            boolean receipt = (sm.getRegisteredDelivery() & 0x03) != 0;
            Submitted probe = new Submitted(null, from, to, text, sm.getDataCoding(), sm.isUdhi(), receipt, body);
            Answer a = policy.apply(probe);
            if (a.status() != 0) {
                refused.incrementAndGet();
                throw new ProcessRequestException("refused by policy", a.status());
            }
            String id = Long.toString(ids.incrementAndGet());
            accepted.incrementAndGet();
            Submitted done = new Submitted(id, from, to, text, sm.getDataCoding(), sm.isUdhi(), receipt, body);
            if (record) {
                submitted.add(done);
            }
            if (receipt && receiptAtOnce != null) {
                answering.put(id, done);
            }
            try {
                return new SubmitSmResult(new MessageId(id), new org.jsmpp.bean.OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException("bad id", 0x08);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }
    }

    /** The receipt for a submit as soon as its submit_sm_resp is on the wire, on the session that submitted it. */
    private final class ReceiptAtOnce extends org.jsmpp.session.ServerResponseDeliveryAdapter {
        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
            Submitted sm = answering.remove(result.getMessageId());
            String stat = receiptAtOnce;
            if (sm == null || stat == null) {
                return;
            }
            byte[] text = receiptText(sm.messageId(), stat, "DELIVRD".equals(stat) ? "000" : "001")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            // its own thread: deliver_sm waits for deliver_sm_resp, which this PDU thread may be needed to read
            threads.execute(() -> {
                try {
                    deliver(source, sm.to(), sm.from(), new ESMClass((byte) 0x04), (byte) 0, text);
                } catch (IllegalStateException e) {
                    // the ESME went away; a real SMSC would retry later, a test sees the receipt missing
                }
            });
        }
    }
}
