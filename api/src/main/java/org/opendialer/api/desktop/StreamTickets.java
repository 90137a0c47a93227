package org.opendialer.api.desktop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.opendialer.api.auth.Scopes;
import org.opendialer.api.auth.TokenService;
import org.opendialer.store.Jdbc;

/**
 * Single-use tickets that open an event stream. EventSource cannot send an Authorization header, and a token in
 * the URL would end up in access logs and browser history for its whole hour; a ticket is worth one stream, for
 * {@link #LIFETIME}, and only its hash is stored. In PostgreSQL so that the node that redeems it need not be the one
 * that issued it; redeeming deletes it, so a second use fails on every node.
 */
public final class StreamTickets {

    static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a redeemed ticket allows: the token's subject and scopes, and when the stream must end. */
    public record Ticket(String subject, Set<String> scopes, Instant streamUntil) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public StreamTickets(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    public String issue(TokenService.Grant grant) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Instant now = clock.instant();
        jdbc.with("issue stream ticket", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM desktop_stream_ticket WHERE expires_at < ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO desktop_stream_ticket (ticket_hash, subject, scopes, expires_at, stream_until)
                    VALUES (?, ?, ?, ?, ?)""")) {
                s.setString(1, hash(ticket));
                s.setString(2, grant.clientId());
                s.setString(3, String.join(" ", grant.scopes()));
                s.setTimestamp(4, Timestamp.from(now.plus(LIFETIME)));
                s.setTimestamp(5, Timestamp.from(grant.expiresAt()));
                return s.executeUpdate();
            }
        });
        return ticket;
    }

    /** The ticket's grant, once: empty when unknown, used or expired. */
    public Optional<Ticket> redeem(String ticket) {
        if (ticket == null || ticket.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.with("redeem stream ticket", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM desktop_stream_ticket WHERE ticket_hash = ? RETURNING subject, scopes, expires_at, stream_until""")) {
                s.setString(1, hash(ticket));
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || !r.getTimestamp(3).toInstant().isAfter(now) || !r.getTimestamp(4).toInstant().isAfter(now)) {
                        return Optional.empty();
                    }
                    return Optional.of(new Ticket(r.getString(1), Scopes.parse(r.getString(2)), r.getTimestamp(4).toInstant()));
                }
            }
        });
    }

    static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
