package org.opendialer.messaging.email;

/**
 * SMTP out (section {@code messaging.email.smtp}) and the embedded SMTP server for replies
 * ({@code messaging.email.inbound}).
 *
 * @param enabled        false: no mail is sent and every email send is refused
 * @param host           relay host
 * @param port           relay port (25, 587 with startTls, 2525 ...)
 * @param username       relay login; empty = no authentication
 * @param password       relay password
 * @param startTls       require STARTTLS before sending
 * @param fromDomain     domain of Message-IDs and of the default sender (the provisioned sending domain)
 * @param defaultFrom    sender when a message or campaign names none, e.g. {@code notify@example.com}
 * @param connections    SMTP connections kept open and reused (1..32)
 * @param timeoutMillis  connect and read timeout (100..120000)
 * @param inbound        where replies arrive
 */
public record SmtpConfig(boolean enabled, String host, int port, String username, String password, boolean startTls,
                         String fromDomain, String defaultFrom, int connections, int timeoutMillis, Inbound inbound) {

    public SmtpConfig {
        host = host == null ? "" : host;
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        fromDomain = fromDomain == null || fromDomain.isBlank() ? "localhost" : fromDomain;
        defaultFrom = defaultFrom == null || defaultFrom.isBlank() ? "notifications@" + fromDomain : defaultFrom;
        connections = connections == 0 ? 4 : connections;
        timeoutMillis = timeoutMillis == 0 ? 10_000 : timeoutMillis;
        inbound = inbound == null ? new Inbound(false, "127.0.0.1", 2525, 0) : inbound;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0..65535, was " + port);
        }
        if (connections < 1 || connections > 32) {
            throw new IllegalArgumentException("connections: must be 1..32, was " + connections);
        }
        if (timeoutMillis < 100 || timeoutMillis > 120_000) {
            throw new IllegalArgumentException("timeoutMillis: must be 100..120000, was " + timeoutMillis);
        }
        if (enabled && (host.isBlank() || port == 0)) {
            throw new IllegalArgumentException("host: host and port are required when enabled is true");
        }
        if (!defaultFrom.contains("@")) {
            throw new IllegalArgumentException("defaultFrom: must be an email address, was '" + defaultFrom + "'");
        }
    }

    /**
     * The embedded SMTP server that receives replies (point the MX or a forwarding rule of the reply domain at it).
     *
     * @param port            0 = any free port
     * @param maxMessageBytes larger messages are refused; 0 = 10 MiB
     */
    public record Inbound(boolean enabled, String bindAddress, int port, int maxMessageBytes) {
        public Inbound {
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
            maxMessageBytes = maxMessageBytes == 0 ? 10 * 1024 * 1024 : maxMessageBytes;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be 0..65535, was " + port);
            }
        }
    }

    /** A relay at {@code host:port} without authentication (tests, a local MTA). */
    public static SmtpConfig of(String host, int port, String fromDomain) {
        return new SmtpConfig(true, host, port, "", "", false, fromDomain, "", 4, 10_000, null);
    }
}
