package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV import benchmark through the real upload path: a JDK client streams a generated file (chunked, never
 * held in memory) to {@code POST /contactlists/{id}/upload} of a whole node. 20,000 rows in the normal suite;
 * {@code -Dlists.bench.rows=1000000} for the figure of contacts/BENCH.md. Prints figures, asserts no speed.
 */
class ContactListUploadBenchTest {

    @TempDir
    static Path tmp;
    static OutboundNode node;

    @BeforeAll
    static void boot() throws Exception {
        node = OutboundNode.start(tmp.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aLargeCsvIsImportedThroughTheApi() throws Exception {
        int rows = Integer.getInteger("lists.bench.rows", 20_000);
        // -Dlists.bench.warmup=N: an N-row upload into another list first, so the measured one runs on a node whose
        // JIT has compiled the import's paths (a node that has run before), not on a fresh JVM
        int warmup = Integer.getInteger("lists.bench.warmup", 0);
        if (warmup > 0) {
            System.out.printf("CONTACT IMPORT warm-up: %,d rows in %.1f s%n", warmup, upload(warmup)[0]);
        }
        double[] took = upload(rows);
        System.out.printf("CONTACT IMPORT via API: %,d rows (%,.1f MB, 2 phone columns, key column) in %.1f s = %,.0f rows/s"
                        + " (answer %d after %.1f s%s)%n", rows, took[2] / 1e6, took[0], rows / took[0], (int) took[3], took[1],
                warmup > 0 ? String.format(", node warmed by a %,d-row upload", warmup) : ", fresh node");
    }

    /** Uploads {@code rows} generated contacts into a new list: seconds to completion, to the answer, bytes, status. */
    private static double[] upload(int rows) throws Exception {
        JsonObject list = new JsonObject(node.send("POST", "/api/v2/outbound/contactlists", "application/json",
                new JsonObject().put("name", "bench " + System.nanoTime())
                        .put("columnNames", List.of("id", "first", "last", "home", "cell", "email", "tz", "zip", "balance"))
                        .put("phoneColumns", List.of("home", "cell")).put("emailColumns", List.of("email"))
                        .put("timeZoneColumn", "tz").put("postalCodeColumn", "zip").put("keyColumn", "id").encode()).body());
        String id = list.getString("id");
        Generated file = new Generated(rows);
        HttpRequest r = HttpRequest.newBuilder(URI.create(node.base() + "/api/v2/outbound/contactlists/" + id + "/upload"))
                .header("Authorization", "Bearer " + node.token()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> file)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> answer = node.http().send(r, HttpResponse.BodyHandlers.ofString());
        double sent = (System.nanoTime() - t0) / 1e9;
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
        JsonObject status = new JsonObject(answer.body());
        while (status.getString("state").equals("inProgress")) { // 202: the merge outlasted the answer; follow the job
            Thread.sleep(100);
            status = new JsonObject(node.send("GET", "/api/v2/outbound/contactlists/" + id + "/importstatus", null, null).body());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(status.getString("state")).as(status.encode()).isEqualTo("completed");
        assertThat(status.getLong("completedRecords")).isEqualTo(rows);
        return new double[] {seconds, sent, file.bytes, answer.statusCode()};
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
                        .append(",(555) ").append(200 + next / 10000 % 800).append('-');
                digits(s, next % 10000);
                s.append(",+1 312 ").append(200 + next / 10000 % 800).append(' ');
                digits(s, next % 10000);
                s.append(",user").append(next).append("@example.org,America/Chicago,6060").append(next % 10)
                        .append(',').append(next % 5000).append(".25\r\n");
            }
            chunk = s.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        /**
         * {@code n} (0–9999) as four digits: what {@code String.format("%04d")} wrote, without its cost (two calls a row took
         * 1.0 s of CPU per million rows against 0.17 s, on the client, which shares the node's two cores in this bench).
         */
        private static void digits(StringBuilder s, int n) {
            s.append((char) ('0' + n / 1000)).append((char) ('0' + n / 100 % 10)).append((char) ('0' + n / 10 % 10)).append((char) ('0' + n % 10));
        }
    }
}
