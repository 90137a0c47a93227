package org.opendialer.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UDP relay on loopback between the dialer and a carrier (trunk host:port = this relay) that makes the dialer
 * retransmit its INVITE (RFC 3261 Timer A, T1 = 500 ms) the way a loaded machine does, but every time: the carrier
 * hears the request late or the dialer hears the answers late. Requests the carrier sends inside the dialog and
 * their answers pass unchanged; the dialer sends its in-dialog requests to the carrier's Contact, past the relay.
 */
final class LossyLink implements AutoCloseable {

    /** What goes wrong on the link until the dialer's first INVITE retransmission has reached the carrier. */
    enum Fault {
        /**
         * The carrier is starved: an INVITE is held until its retransmission arrives, then the original goes on and
         * the retransmission after the carrier's first answers, while it still rings.
         */
        STARVED_CARRIER,
        /**
         * The dialer is starved: the carrier's 1xx/2xx answers to an INVITE are dropped, so the retransmission
         * reaches a carrier that has answered and waits for the ACK. 4xx challenges pass.
         */
        LOST_ANSWERS
    }

    private static final Pattern BRANCH = Pattern.compile("(?im)^(?:Via|v)\\s*:[^\\r\\n]*;branch=([^;\\s,]+)");
    private static final Pattern INVITE_ANSWER = Pattern.compile("(?s)^SIP/2\\.0 [12]\\d\\d .*\\r\\nCSeq:\\s*\\d+ INVITE");

    private final Fault fault;
    private final DatagramSocket dialerSide;
    private final DatagramSocket carrierSide;
    private final InetSocketAddress carrier;
    private final Set<String> branches = new HashSet<>();
    private final AtomicInteger retransmissions = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile SocketAddress dialer;
    private DatagramPacket held;
    private final List<DatagramPacket> queued = new ArrayList<>();
    private final Thread up;
    private final Thread down;

    LossyLink(int carrierPort, Fault fault) throws IOException {
        this.fault = fault;
        InetAddress lo = InetAddress.getLoopbackAddress();
        this.dialerSide = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.carrierSide = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.carrier = new InetSocketAddress(lo, carrierPort);
        this.up = Thread.ofVirtual().start(() -> pump(dialerSide, true));
        this.down = Thread.ofVirtual().start(() -> pump(carrierSide, false));
    }

    /** The port to give the dialer as the carrier's. */
    int port() {
        return dialerSide.getLocalPort();
    }

    /** INVITE retransmissions the dialer sent (same Via branch again): the test's proof that it exercised one. */
    int retransmissions() {
        return retransmissions.get();
    }

    /** Carrier answers dropped under {@link Fault#LOST_ANSWERS}. */
    int dropped() {
        return dropped.get();
    }

    private void pump(DatagramSocket from, boolean towardCarrier) {
        byte[] buf = new byte[65_535];
        while (!from.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                from.receive(p);
                if (towardCarrier) {
                    dialer = p.getSocketAddress();
                    fromDialer(p);
                } else if (dialer != null && !keptFromDialer(p)) {
                    dialerSide.send(new DatagramPacket(p.getData(), p.getLength(), dialer));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private synchronized void fromDialer(DatagramPacket p) throws IOException {
        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
        boolean invite = text.startsWith("INVITE ");
        Matcher branch = BRANCH.matcher(text);
        boolean again = invite && branch.find() && !branches.add(branch.group(1));
        if (fault == Fault.STARVED_CARRIER && invite && retransmissions.get() == 0) {
            if (!again) {
                held = copy(p); // the carrier hears nothing of it yet
                return;
            }
            // The original goes on now; the retransmission once the carrier has answered it twice (100 and 180),
            // so it lands while the carrier rings. The dialer, which sent it before hearing anything, hears those
            // answers only after it: the ACK it sends past the relay must not overtake the retransmission.
            carrierSide.send(new DatagramPacket(held.getData(), held.getLength(), carrier));
            held = null;
            long until = System.nanoTime() + 150_000_000L; // or at once where one answer is all (a 401)
            while (queued.size() < 2 && System.nanoTime() < until) {
                waitFor(until);
            }
        }
        if (again) {
            retransmissions.incrementAndGet();
        }
        carrierSide.send(new DatagramPacket(p.getData(), p.getLength(), carrier));
        for (DatagramPacket q : queued) {
            dialerSide.send(new DatagramPacket(q.getData(), q.getLength(), dialer));
        }
        queued.clear();
    }

    /** Whether a datagram from the carrier is kept from the dialer (queued or dropped) under the fault. */
    private synchronized boolean keptFromDialer(DatagramPacket p) {
        if (retransmissions.get() > 0) {
            return false;
        }
        if (fault == Fault.STARVED_CARRIER) {
            queued.add(copy(p));
            notifyAll();
            return true;
        }
        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
        boolean drop = INVITE_ANSWER.matcher(text).find();
        if (drop) {
            dropped.incrementAndGet();
        }
        return drop;
    }

    private void waitFor(long untilNanos) throws IOException {
        try {
            wait(Math.max(1, (untilNanos - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    private static DatagramPacket copy(DatagramPacket p) {
        byte[] b = java.util.Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
        return new DatagramPacket(b, b.length);
    }

    @Override
    public void close() throws InterruptedException {
        dialerSide.close();
        carrierSide.close();
        up.join();
        down.join();
    }
}
