package org.opendialer.contacts.dnc.external;

import java.net.URI;
import java.net.http.HttpClient;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.opendialer.contacts.NamedRows;
import org.opendialer.contacts.dnc.DncList;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.store.Jdbc;

/**
 * DNC lists whose entries live at a provider (Genesys {@code dncSourceType}; we support {@value #DNC_COM} through
 * {@link DncScrubProvider}): created with the provider's login id, stored sealed ({@link SecretSeal}), and turned
 * into a cached provider per list ({@link CachedDnc}: clear answers kept {@link #TTL}) for the campaigns that use
 * them. Without a seal key ({@link SecretsConfig}) no external list can be created, and an existing one
 * answers UNKNOWN for every number: nothing is dialled on its account. Blocks (JDBC); thread-safe.
 */
public final class ExternalDncLists {

    public static final String RDS = "rds";
    public static final String DNC_COM = "dncCom";
    /** The provider's service; another in {@code externalDnc.dncComUrl} (a stand-in on loopback in tests). */
    public static final URI DNC_COM_URL = URI.create("https://www.dncscrub.com");
    /** The time one scrub may take before its numbers count as unanswered (not dialled). */
    public static final Duration BUDGET = Duration.ofMillis(800);
    public static final Duration TTL = Duration.ofHours(24);
    /** How long a provider found down is left alone at first; doubled after each failed probe up to {@link #MAX_BACK_OFF}. */
    public static final Duration BACK_OFF = Duration.ofSeconds(15);
    public static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);
    private static final int CACHE_ENTRIES = 1_000_000;

    /** One external list a campaign uses: its provider (cached), and the budget it was built with. */
    public record Source(UUID listId, String type, ExternalDnc provider, Duration budget) {
    }

    private final Jdbc jdbc;
    private final DncLists lists;
    private final SecretSeal seal;
    private final URI dncComUrl;
    private final Duration budget;
    private final Clock clock;
    /** One client for every list's provider (its connection pool and selector thread are per client). */
    private final HttpClient http;
    private final Map<String, ExternalDnc> providers = new ConcurrentHashMap<>();

    /** @param seal null: no key, see the class comment */
    public ExternalDncLists(DataSource ds, SecretSeal seal, URI dncComUrl, Duration budget, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.lists = new DncLists(ds);
        this.seal = seal;
        this.dncComUrl = dncComUrl;
        this.budget = budget;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(budget).build();
    }

    /** The node's external lists: one per node, so every list's provider shares its one HTTP client. */
    public static ExternalDncLists of(DataSource ds, ExternalDncConfig config, SecretsConfig secrets, Clock clock) {
        return new ExternalDncLists(ds, secrets.seal(), config.url(), config.budget(), clock);
    }

    /**
     * Creates an external list.
     *
     * @throws IllegalArgumentException for another type, a missing login id, or no seal key
     * @throws org.opendialer.contacts.Conflict when the name is taken
     */
    public DncList create(String name, String type, String loginId) {
        if (!DNC_COM.equals(type)) {
            throw new IllegalArgumentException("dncSourceType: " + type + " is not supported (rds or dncCom)");
        }
        if (loginId == null || loginId.isBlank()) {
            throw new IllegalArgumentException("loginId: required by a dncCom list (the DNC.com API key)");
        }
        if (seal == null) {
            throw new IllegalArgumentException("loginId: this node has no secrets key (secrets.key or "
                    + SecretSeal.KEY_VARIABLE + ") to keep it sealed; set it (32 random bytes, base64, the same on every node)");
        }
        UUID id = UUID.randomUUID();
        String sealed = seal.seal(loginId.strip());
        NamedRows.uniqueName(name, () -> jdbc.with("external dnc list create", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO dnc_list (id, name, dnc_source_type, login_id_sealed)"
                    + " VALUES (?, ?, ?, ?)")) {
                st.setObject(1, id);
                st.setString(2, name.strip());
                st.setString(3, type);
                st.setString(4, sealed);
                return st.executeUpdate();
            }
        }));
        return lists.require(id);
    }

    /** The external lists among {@code listIds}, in no particular order. */
    public List<Source> of(Collection<UUID> listIds) {
        if (listIds.isEmpty()) {
            return List.of();
        }
        return jdbc.with("external dnc lists", c -> {
            List<Source> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, dnc_source_type, login_id_sealed FROM dnc_list"
                    + " WHERE id = ANY (?) AND dnc_source_type <> 'rds'")) {
                st.setArray(1, c.createArrayOf("uuid", listIds.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        String sealed = rs.getString(3);
                        out.add(new Source(id, rs.getString(2), providers.computeIfAbsent(id + "/" + sealed,
                                k -> provider(sealed)), budget));
                    }
                }
            }
            return out;
        });
    }

    private ExternalDnc provider(String sealed) {
        if (seal == null || sealed == null) {
            return numbers -> unknown(numbers); // fail safe: no key, no answer, no call
        }
        return new CachedDnc(new ProviderBreaker(new DncScrubProvider(http, dncComUrl, seal.open(sealed), budget), BACK_OFF,
                MAX_BACK_OFF, clock), TTL, CACHE_ENTRIES, clock);
    }

    private static Map<String, ExternalDnc.Verdict> unknown(Collection<String> numbers) {
        Map<String, ExternalDnc.Verdict> out = new java.util.LinkedHashMap<>();
        numbers.forEach(n -> out.put(n, ExternalDnc.Verdict.UNKNOWN));
        return out;
    }
}
