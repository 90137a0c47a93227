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
 */
public record SipConfig(String bindAddress, int port, int tlsPort, List<String> transports, List<TrunkConfig> trunks,
                        Tls tls) {

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

    /** Without TLS settings. */
    public SipConfig(String bindAddress, int port, int tlsPort, List<String> transports, List<TrunkConfig> trunks) {
        this(bindAddress, port, tlsPort, transports, trunks, Tls.none());
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
