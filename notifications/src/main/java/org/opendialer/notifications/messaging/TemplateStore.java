package org.opendialer.notifications.messaging;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/** Saved templates. Blocks (JDBC). */
public final class TemplateStore {

    private final Jdbc jdbc;

    public TemplateStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** @throws IllegalArgumentException when a template does not parse or the name is taken */
    public MessageTemplate create(String name, Channel channel, String subject, String body, String html) {
        Templates.check(body);
        Templates.check(subject);
        Templates.check(html);
        UUID id = UUID.randomUUID();
        return jdbc.with("create template", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO message_template (id, name, channel, subject, body, html) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (name) DO NOTHING""")) {
                st.setObject(1, id);
                st.setString(2, name);
                st.setString(3, channel.name());
                st.setString(4, subject);
                st.setString(5, body);
                st.setString(6, html);
                if (st.executeUpdate() == 0) {
                    throw new IllegalArgumentException("name: a template named '" + name + "' exists already");
                }
            }
            return find(c, "id = ?", id).getFirst();
        });
    }

    public Optional<MessageTemplate> find(UUID id) {
        return jdbc.with("template", c -> find(c, "id = ?", id).stream().findFirst());
    }

    public List<MessageTemplate> list() {
        return jdbc.with("templates", c -> find(c, "TRUE ORDER BY name"));
    }

    private static List<MessageTemplate> find(java.sql.Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, name, channel, subject, body, html, created_at FROM message_template WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<MessageTemplate> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new MessageTemplate(rs.getObject(1, UUID.class), rs.getString(2), Channel.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
            return out;
        }
    }
}
