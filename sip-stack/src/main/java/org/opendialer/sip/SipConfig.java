package org.opendialer.sip;

import java.util.List;
import java.util.Set;

/**
 * SIP signalling settings.
 *
 * @param bindAddress local address the stack listens on
 * @param port        SIP port for UDP and TCP (5060 by convention)
 * @param tlsPort     SIP-over-TLS port, used only when {@code tls} is among the transports
 * @param transports  transports to listen on: {@code udp}, {@code tcp}, {@code tls}
 * @param trunks      carrier trunks and T1/E1 gateways calls may use
 * @param tls         certificate for the {@code tls} transport (and trust for TLS trunks)
 * @param admission   how many new inbound calls are set up at once, and the overload guard; null = defaults
 */
public record SipConfig(String bindAddress, int port, int tlsPort, List<String> transports, List<TrunkConfig> trunks,
                        Tls tls, Admission admission) {

    /**
     * SIP over TLS (RFC 3261 §26.2): our certificate and key in a PKCS#12 key store, which is also the trust store
     * for TLS trunks (put the carriers' CA certificates in it).
     *
     * @param keyStore         path of the PKCS#12 file; empty = no TLS
     * @param keyStorePassword its password
     */
    public record Tls(String keyStore, String keyStorePassword) {
        public Tls {
            keyStore = keyStore == null ? "" : keyStore;
            keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
        }

        public static Tls none() {
            return new Tls("", "");
        }
    }

    /**
     * Admission of dialog-creating INVITEs. A call is "in set-up" from its INVITE until we send 18x, 2xx or a final
     * response, or it ends; at most {@code setupsAtOnce} calls are, and later INVITEs wait in arrival order (after
     * our 100 Trying). Requests inside a dialog (ACK, BYE, CANCEL, PRACK, INFO, re-INVITE) never wait here, so calls
     * in progress are not slowed by a burst of new ones.
     *
     * @param setupsAtOnce      calls in set-up at once; 0 = default, four per processor and at least 8 (set-up
     *                          work beyond that only queues for the CPU, behind ACKs and BYEs)
     * @param maxWaiting        overload guard: INVITEs waiting beyond this many are answered 503 with Retry-After
     *                          (RFC 3261 §21.5.4) and counted as {@link SipStats.Refusal#OVERLOAD}; 0 = off
     * @param retryAfterSeconds the 503's Retry-After; 0 = default 5 s
     */
    public record Admission(int setupsAtOnce, int maxWaiting, int retryAfterSeconds) {
        public Admission {
            if (setupsAtOnce < 0 || maxWaiting < 0 || retryAfterSeconds < 0) {
                throw new IllegalArgumentException("admission: setupsAtOnce, maxWaiting and retryAfterSeconds must "
                        + "be >= 0, were " + setupsAtOnce + ", " + maxWaiting + ", " + retryAfterSeconds);
            }
            if (setupsAtOnce == 0) {
                setupsAtOnce = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
            }
            if (retryAfterSeconds == 0) {
                retryAfterSeconds = 5;
            }
        }

        /** Default set-up limit, guard off. */
        public static Admission defaults() {
            return new Admission(0, 0, 0);
        }
    }

    /** Without TLS settings. */
    public SipConfig(String bindAddress, int port, int tlsPort, List<String> transports, List<TrunkConfig> trunks) {
        this(bindAddress, port, tlsPort, transports, trunks, Tls.none());
    }

    /** With default admission. */
    public SipConfig(String bindAddress, int port, int tlsPort, List<String> transports, List<TrunkConfig> trunks,
                     Tls tls) {
        this(bindAddress, port, tlsPort, transports, trunks, tls, Admission.defaults());
    }

    /** The same settings with {@code admission} instead. */
    public SipConfig withAdmission(Admission admission) {
        return new SipConfig(bindAddress, port, tlsPort, transports, trunks, tls, admission);
    }

    private static final Set<String> KNOWN_TRANSPORTS = Set.of("udp", "tcp", "tls");

    public SipConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress: must not be empty");
        }
        checkPort("port", port);
        checkPort("tlsPort", tlsPort);
        transports = List.copyOf(transports == null ? List.of() : transports);
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports: at least one of udp, tcp, tls is needed");
        }
        for (String t : transports) {
            if (!KNOWN_TRANSPORTS.contains(t)) {
                throw new IllegalArgumentException("transports: unknown transport '" + t + "' (known: udp, tcp, tls)");
            }
        }
        trunks = List.copyOf(trunks == null ? List.of() : trunks);
        tls = tls == null ? Tls.none() : tls;
        admission = admission == null ? Admission.defaults() : admission;
        if (transports.contains("tls") && tls.keyStore().isEmpty()) {
            throw new IllegalArgumentException("tls.keyStore: the tls transport needs a PKCS#12 key store");
        }
        long distinct = trunks.stream().map(TrunkConfig::name).distinct().count();
        if (distinct != trunks.size()) {
            throw new IllegalArgumentException("trunks: trunk names must be unique");
        }
    }

    static void checkPort(String field, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(field + ": must be 0..65535 (0 = any free port), was " + port);
        }
    }
}
