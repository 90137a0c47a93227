package org.opendialer.sip.transport;

import java.util.Properties;
import javax.sip.SipStack;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipStartException;

/** How we configure JAIN-SIP: the stack properties, and how a stack is stopped. */
final class SipStackSetup {

    private static final int UDP_BUFFER_BYTES = 4 << 20;
    private static final int MAX_MESSAGE_BYTES = 16 << 10;

    /**
     * System property: {@code true} skips the 1 s pause of JAIN-SIP's stop (default false, the stack's own stop).
     * The test builds set it: suites start and stop a stack hundreds of times.
     */
    static final String SKIP_STOP_PAUSE = "opendialer.sip.skipStopPause";

    private SipStackSetup() { }

    /**
     * Stops the stack. The RI's stop closes the sockets and its timer, then sleeps 1 s unconditionally (to let
     * message processing that is still running complete) before clearing its transaction and dialog tables. With
     * {@link #SKIP_STOP_PAUSE}, the stop runs on its own thread with the interrupt flag set, so that sleep returns at
     * once (the RI catches the interrupt); the sockets are closed the same way either way.
     */
    static void stop(SipStack stack) {
        if (!Boolean.getBoolean(SKIP_STOP_PAUSE)) {
            stack.stop();
            return;
        }
        RuntimeException[] failed = new RuntimeException[1];
        Thread t = Thread.ofPlatform().name("sip-stack-stop").start(() -> {
            Thread.currentThread().interrupt();
            try {
                stack.stop();
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                t.join(); // even when interrupted: the caller relies on the sockets being closed after this
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    static Properties properties(SipConfig config) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "opendialer-" + config.bindAddress() + "-" + System.nanoTime());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        // JAIN-SIP allocates a receive buffer of this size for every UDP datagram (and caps TCP messages at it):
        // 64 KiB made each stranger's 600-byte INVITE cost ~100 KB of garbage and a flood grew the heap by hundreds
        // of MB. 16 KiB is ten times a large INVITE with SDP; RFC 3261 §18.1.1 moves anything near the MTU to TCP.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_BYTES));
        // JAIN-SIP asks for 64 KiB socket buffers, about 50 small datagrams: a burst of responses overflows them and
        // the lost ones cost retransmission timers (or whole calls with strict peers). The kernel caps the request
        // at net.core.rmem_max / wmem_max.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_BYTES));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_BYTES));
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", StrictMessageParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        if (!config.tls().keyStore().isEmpty()) {
            // One PKCS#12 file: our certificate for TLS listening, and the CAs we trust for TLS trunks.
            p.setProperty("javax.net.ssl.keyStore", config.tls().keyStore());
            p.setProperty("javax.net.ssl.keyStorePassword", config.tls().keyStorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            p.setProperty("javax.net.ssl.trustStore", config.tls().keyStore());
            p.setProperty("javax.net.ssl.trustStorePassword", config.tls().keyStorePassword());
            p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
            // JAIN-SIP's built-in list is 2010-era RSA/3DES suites that today's JDKs disable: use the JDK's defaults.
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", defaultCipherSuites()));
        }
        boolean trace = org.slf4j.LoggerFactory.getLogger("sip.messages").isTraceEnabled();
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", trace ? "TRACE" : "ERROR");
        return p;
    }

    private static String[] defaultCipherSuites() {
        try {
            return javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new SipStartException("no TLS implementation in this JDK", e);
        }
    }
}
