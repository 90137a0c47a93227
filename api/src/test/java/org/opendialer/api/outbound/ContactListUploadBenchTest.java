package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/**
 * The CSV import benchmark through the real upload path: a JDK client streams a generated file (chunked, never
 * held in memory) to {@code POST /contactlists/{id}/upload} of a whole node. 20,000 rows in the normal suite;
 * {@code -Dlists.bench.rows=1000000} for the figure of contacts/BENCH.md. Prints figures, asserts no speed.
 */
class ContactListUploadBenchTest {

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;

    @BeforeAll
    static void boot() throws Exception {
        var config = new ConfigLoader().load(null, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0",
                "DIALER_DATA_DIR", tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin", "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        base = "http://127.0.0.1:" + server.apiPort();
        String admin = TestServers.token(base, "admin", "admin-secret-0123456789");
        JsonObject client = new JsonObject(post("/api/v2/oauth/clients", admin,
                "{\"name\":\"bench\",\"scopes\":[\"campaigns\",\"messaging\"]}").body());
        token = TestServers.token(base, client.getString("clientId"), client.getString("clientSecret"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> post(String path, String bearer, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLargeCsvIsImportedThroughTheApi() throws Exception {
        int rows = Integer.getInteger("lists.bench.rows", 20_000);
        JsonObject list = new JsonObject(post("/api/v2/outbound/contactlists", token,
                new JsonObject().put("name", "bench").put("columnNames", List.of("id", "first", "last", "home", "cell", "email", "tz", "zip", "balance"))
                        .put("phoneColumns", List.of("home", "cell")).put("emailColumns", List.of("email"))
                        .put("timeZoneColumn", "tz").put("postalCodeColumn", "zip").put("keyColumn", "id").encode()).body());
        String id = list.getString("id");
        HttpClient http = HttpClient.newHttpClient();
        Generated file = new Generated(rows);
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v2/outbound/contactlists/" + id + "/upload"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> file)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject status = new JsonObject(answer.body());
        assertThat(status.getLong("completedRecords")).isEqualTo(rows);
        System.out.printf("CONTACT IMPORT via API: %,d rows (%,.1f MB, 2 phone columns, key column) in %.1f s = %,.0f rows/s%n",
                rows, file.bytes / 1e6, seconds, rows / seconds);
    }

    /** A CSV of {@code rows} contacts, made as it is read. */
    static final class Generated extends InputStream {
        private final int rows;
        private int next = -1;
        private byte[] chunk = new byte[0];
        private int pos;
        long bytes;

        Generated(int rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == chunk.length && !fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            bytes += n;
            return n;
        }

        private boolean fill() {
            if (next >= rows) {
                return false;
            }
            StringBuilder s = new StringBuilder(1 << 16);
            if (next < 0) {
                s.append("id,first,last,home,cell,email,tz,zip,balance\r\n");
                next = 0;
            }
            for (int end = Math.min(rows, next + 500); next < end; next++) {
                s.append("C").append(next).append(",First").append(next % 977).append(",Last").append(next % 1009)
                        .append(",(555) ").append(String.format("%03d-%04d", 200 + next / 10000 % 800, next % 10000))
                        .append(",+1 312 ").append(String.format("%03d %04d", 200 + next / 10000 % 800, next % 10000))
                        .append(",user").append(next).append("@example.org,America/Chicago,6060").append(next % 10)
                        .append(',').append(next % 5000).append(".25\r\n");
            }
            chunk = s.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }
    }
}
