package org.opendialer.api.demo.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.api.demo.DemoNode;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.settings.AmdAction;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.contacts.lists.CsvContactParser;

/**
 * Not a test: an agentless campaign over N generated numbers run to completion by a whole node ({@code ./dialer
 * up --demo}'s {@link DemoNode}: embedded PostgreSQL, SIP, media, the campaign runner) against the demo carrier,
 * every number a person who answers at once. Prints the dial rate each second, CPU and load, then the totals and
 * the accounting of every contact (one attempt each, a final result each). See demo/BENCH.md.
 */
public final class CampaignBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("contacts", "10000", "maxLines", "1000", "cps", "400",
                "amd", "false", "message", "Thank you.", "pool", "10"));
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int n = Integer.parseInt(opt.get("contacts"));
        Path tmp = Files.createTempDirectory("campaign-bench");
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, "sip:\n  port: 0\ndatabase:\n  poolSize: " + opt.get("pool") + "\n");
        Map<String, String> env = Map.of("DIALER_API_PORT", "0", "DIALER_DATA_DIR", tmp.resolve("data/postgres").toString());
        DialerConfig config = new ConfigLoader().load(conf, env);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        DemoNode node = DemoNode.start(config, env, ".* person ring=0");
        int rc = 1;
        try {
            DataSource ds = node.server().dataSource();
            StringBuilder csv = new StringBuilder("name,phone\n");
            for (int i = 0; i < n; i++) {
                csv.append("c").append(i).append(",+1201").append(2000000 + i).append('\n');
            }
            long t = System.nanoTime();
            ContactList list = new ContactListStore(ds, new Addresses("US")).create("bench-" + UUID.randomUUID(),
                    csv.toString(), new CsvContactParser.Spec(List.of("phone"), List.of(), null));
            System.out.printf("list of %d contacts in %d ms%n", n, (System.nanoTime() - t) / 1_000_000);
            boolean amd = Boolean.parseBoolean(opt.get("amd"));
            CampaignStore store = new CampaignStore(ds);
            Campaign c = store.create(new CampaignSettings("bench-" + UUID.randomUUID(), list.id(), null, null,
                    DialingMode.AGENTLESS, "bench", "+12015550199", DemoNode.TRUNK, opt.get("message"), null, null, 1, 1,
                    null, null, new CampaignSettings.Amd(amd, AmdAction.MESSAGE, AmdAction.HANG_UP), null,
                    Integer.parseInt(opt.get("maxLines")), Double.parseDouble(opt.get("cps")), null, null, null, null,
                    new CampaignSettings.UnknownZoneChoice(CampaignSettings.UnknownZoneChoice.Action.USE_DEFAULT,
                            "America/New_York"), "US", null, null));
            System.out.printf("campaign: %d contacts, maxLines %s, callsPerSecond %s, AMD %s, message \"%s\", database pool %s; cores %d%n",
                    n, opt.get("maxLines"), opt.get("cps"), amd, opt.get("message"), opt.get("pool"), os.getAvailableProcessors());
            long start = System.nanoTime();
            store.moveTo(c.id(), CampaignStatus.ON);
            long deadline = start + (n / 20 + 120) * 1_000_000_000L;
            long lastDialed = 0;
            double cpuSum = 0;
            double loadMax = 0;
            int samples = 0;
            while (store.require(c.id()).status() != CampaignStatus.COMPLETE && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                long[] k;
                try {
                    k = counts(ds, c.id());
                } catch (SQLException | RuntimeException e) {
                    System.out.println("t=? monitor query failed: " + e.getMessage());
                    continue;
                }
                double cpu = os.getProcessCpuLoad() * 100;
                double load = os.getSystemLoadAverage();
                cpuSum += cpu;
                loadMax = Math.max(loadMax, load);
                samples++;
                System.out.printf("t=%3ds dialed %6d (+%4d/s) ended %6d in flight %4d  process CPU %5.1f%% (of all"
                        + " cores) system CPU %5.1f%% load %.1f%n", (System.nanoTime() - start) / 1_000_000_000L, k[0],
                        k[0] - lastDialed, k[1], k[0] - k[1], cpu, os.getCpuLoad() * 100, load);
                lastDialed = k[0];
            }
            double wall = (System.nanoTime() - start) / 1e9;
            rc = report(ds, c.id(), n, wall, store.require(c.id()).status()) ? 0 : 1;
            System.out.printf("CPU while it ran: process %.1f%% of all cores on average, load average max %.1f%n",
                    samples == 0 ? 0 : cpuSum / samples, loadMax);
        } finally {
            node.stop();
        }
        System.exit(rc); // JAIN-SIP leaves non-daemon threads behind
    }

    private static long[] counts(DataSource ds, UUID campaign) throws SQLException {
        try (Connection cn = ds.getConnection(); PreparedStatement st = cn.prepareStatement(
                "SELECT count(*), count(result) FROM dial_attempt WHERE campaign_id = ?")) {
            st.setObject(1, campaign);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** Prints the totals and the accounting; true when every contact has exactly one attempt with a result. */
    private static boolean report(DataSource ds, UUID campaign, int n, double wall, CampaignStatus status) throws SQLException {
        try (Connection cn = ds.getConnection()) {
            long[] a = longs(cn, "SELECT count(*), count(DISTINCT contact_id), count(DISTINCT number), count(result),"
                    + " (extract(epoch FROM max(created_at) - min(created_at)) * 1000)::bigint,"
                    + " (extract(epoch FROM max(ended_at) - min(created_at)) * 1000)::bigint,"
                    + " (percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms))::bigint,"
                    + " (percentile_cont(0.99) WITHIN GROUP (ORDER BY time_to_answer_ms))::bigint"
                    + " FROM dial_attempt WHERE campaign_id = ?", campaign);
            long[] peak = longs(cn, "SELECT coalesce(max(k), 0) FROM (SELECT count(*) k FROM dial_attempt WHERE"
                    + " campaign_id = ? GROUP BY date_trunc('second', created_at)) s", campaign);
            long[] contacts = longs(cn, "SELECT count(*) FILTER (WHERE k.attempts = 1), count(*) FILTER (WHERE"
                    + " k.attempts <> 1), count(*) FILTER (WHERE k.last_result IS NULL OR k.last_result = 'dialing')"
                    + " FROM contact k JOIN voice_campaign v ON v.contact_list_id = k.list_id WHERE v.id = ?", campaign);
            System.out.printf("%nstatus %s after %.1f s%n", status.name().toLowerCase(), wall);
            System.out.printf("attempts %d, distinct contacts %d, distinct numbers %d, with a result %d (of %d contacts)%n",
                    a[0], a[1], a[2], a[3], n);
            System.out.printf("dialing: %.1f s from the first to the last INVITE claim = %.1f calls/s; peak second %d calls%n",
                    a[4] / 1000.0, a[4] == 0 ? 0 : (a[0] - 1) * 1000.0 / a[4], peak[0]);
            System.out.printf("completion: %.1f s from the first claim to the last end = %.1f calls/s overall;"
                    + " call duration p50 %d ms, time to answer p99 %d ms%n", a[5] / 1000.0, a[5] == 0 ? 0 : a[0] * 1000.0 / a[5], a[6], a[7]);
            System.out.printf("contacts with exactly one attempt %d, with another count %d, without a final result %d%n",
                    contacts[0], contacts[1], contacts[2]);
            try (PreparedStatement st = cn.prepareStatement("SELECT coalesce(result, '(none)'), coalesce(disposition, ''),"
                    + " count(*) FROM dial_attempt WHERE campaign_id = ? GROUP BY 1, 2 ORDER BY 3 DESC")) {
                st.setObject(1, campaign);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        System.out.printf("  result %-16s disposition %-16s %6d%n", rs.getString(1), rs.getString(2), rs.getLong(3));
                    }
                }
            }
            return a[0] == n && a[1] == n && a[3] == n && contacts[0] == n && status == CampaignStatus.COMPLETE;
        }
    }

    private static long[] longs(Connection cn, String sql, UUID campaign) throws SQLException {
        try (PreparedStatement st = cn.prepareStatement(sql)) {
            st.setObject(1, campaign);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long[] out = new long[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rs.getLong(i + 1);
                }
                return out;
            }
        }
    }
}
