package org.opendialer.messaging.sms;

/**
 * One SMPP 3.4 transceiver bind to an aggregator (section {@code messaging.sms} of the configuration).
 *
 * @param enabled              false: no bind is made and every SMS send is refused
 * @param host                 SMSC host
 * @param port                 SMSC port (2775 is customary)
 * @param systemId             bind system_id (max 15 characters)
 * @param password             bind password (max 8 characters on most SMSCs)
 * @param systemType           bind system_type, often empty
 * @param sourceAddress        default sender: a short code, a long code in E.164 or an alphanumeric name
 * @param sourceTon            TON of the sender: 0 unknown, 1 international, 3 network specific (short codes), 5 alphanumeric
 * @param sourceNpi            NPI of the sender: 0 unknown, 1 ISDN/E.164
 * @param windowSize           submits in flight at once on the bind (1..1000)
 * @param maxSubmitsPerSecond  send rate of the bind (parts per second); 0 = as fast as the window allows
 * @param enquireLinkSeconds   idle time before an enquire_link (5..600)
 * @param reconnectSeconds     wait before binding again after the link drops (1..600)
 * @param responseTimeoutMillis time to wait for a submit_sm_resp (100..60000)
 */
public record SmppConfig(boolean enabled, String host, int port, String systemId, String password, String systemType,
                         String sourceAddress, int sourceTon, int sourceNpi, int windowSize, int maxSubmitsPerSecond,
                         int enquireLinkSeconds, int reconnectSeconds, int responseTimeoutMillis) {

    public SmppConfig {
        host = host == null ? "" : host;
        systemId = systemId == null ? "" : systemId;
        password = password == null ? "" : password;
        systemType = systemType == null ? "" : systemType;
        sourceAddress = sourceAddress == null ? "" : sourceAddress;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0..65535, was " + port);
        }
        if (sourceTon < 0 || sourceTon > 6) {
            throw new IllegalArgumentException("sourceTon: must be 0..6, was " + sourceTon);
        }
        if (sourceNpi < 0 || sourceNpi > 18) {
            throw new IllegalArgumentException("sourceNpi: must be 0..18, was " + sourceNpi);
        }
        windowSize = windowSize == 0 ? 10 : windowSize;
        if (windowSize < 1 || windowSize > 1000) {
            throw new IllegalArgumentException("windowSize: must be 1..1000, was " + windowSize);
        }
        if (maxSubmitsPerSecond < 0) {
            throw new IllegalArgumentException("maxSubmitsPerSecond: must be 0 (unlimited) or more, was " + maxSubmitsPerSecond);
        }
        enquireLinkSeconds = enquireLinkSeconds == 0 ? 30 : enquireLinkSeconds;
        if (enquireLinkSeconds < 5 || enquireLinkSeconds > 600) {
            throw new IllegalArgumentException("enquireLinkSeconds: must be 5..600, was " + enquireLinkSeconds);
        }
        reconnectSeconds = reconnectSeconds == 0 ? 5 : reconnectSeconds;
        if (reconnectSeconds < 1 || reconnectSeconds > 600) {
            throw new IllegalArgumentException("reconnectSeconds: must be 1..600, was " + reconnectSeconds);
        }
        responseTimeoutMillis = responseTimeoutMillis == 0 ? 10_000 : responseTimeoutMillis;
        if (responseTimeoutMillis < 100 || responseTimeoutMillis > 60_000) {
            throw new IllegalArgumentException("responseTimeoutMillis: must be 100..60000, was " + responseTimeoutMillis);
        }
        if (enabled && (host.isBlank() || port == 0 || systemId.isBlank())) {
            throw new IllegalArgumentException("host: host, port and systemId are required when enabled is true");
        }
    }

    /** A bind to {@code host:port} with customary defaults (tests, the loopback SMSC). */
    public static SmppConfig of(String host, int port, String systemId, String password, String sourceAddress) {
        boolean shortCode = sourceAddress.length() <= 8 && sourceAddress.chars().allMatch(Character::isDigit);
        return new SmppConfig(true, host, port, systemId, password, "", sourceAddress, shortCode ? 3 : 1,
                shortCode ? 0 : 1, 10, 0, 30, 1, 10_000);
    }

    public SmppConfig withWindow(int window, int maxSubmitsPerSecond) {
        return new SmppConfig(enabled, host, port, systemId, password, systemType, sourceAddress, sourceTon, sourceNpi,
                window, maxSubmitsPerSecond, enquireLinkSeconds, reconnectSeconds, responseTimeoutMillis);
    }
}
