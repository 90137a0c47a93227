package org.opendialer.contacts.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.consent.Addresses;

/** The check pipeline without a database: file order on the writing thread, and a failing sink stops the reader. */
class RowChecksTest {

    final ContactList list = new CsvContactParser.Spec(List.of("home"), List.of(), null)
            .draft(UUID.randomUUID(), "checks", List.of("name", "home"));
    final CsvHeader header = CsvHeader.map(List.of("name", "home"), list, Map.of());
    final ContactRows rows = new ContactRows(list, new Addresses("US"));

    /** {@code n} rows "n{i},+1555300{i}" (every 97th with a bad number) from line 2. */
    static List<CSVRecord> records(int n) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append('n').append(i).append(',').append(i % 97 == 3 ? "12" : String.format("+1555%07d", 3000000 + i)).append('\n');
        }
        try (CSVParser p = CSVParser.parse(new StringReader(b.toString()), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    @Test
    void everyRowReachesTheSinkInFileOrderOnTheWritingThreadBeforeFinishReturns() throws Exception {
        List<CSVRecord> in = records(RowChecks.BATCH * 40 + 3); // more batches than the window holds
        List<Long> lines = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (RowChecks checks = new RowChecks(header, rows, 3, (line, row) -> {
            threads.add(Thread.currentThread().getName());
            lines.add(line);
            if (row.bad() != null) {
                bad.add(row.bad());
            }
        })) {
            for (int i = 0; i < in.size(); i++) {
                checks.add(i + 2, in.get(i));
            }
            checks.finish();
            assertThat(lines).hasSize(in.size()).isSorted().startsWith(2L).endsWith(in.size() + 1L);
        }
        assertThat(bad).hasSize((int) in.stream().filter(r -> r.get(1).equals("12")).count())
                .allSatisfy(why -> assertThat(why).contains("'12' is not a valid phone number"));
        assertThat(threads).containsExactly("contact-import-copy");
    }

    @Test
    void aFailingSinkStopsTheReaderAndTakesNoRowAfterTheFailure() throws Exception {
        List<CSVRecord> in = records(RowChecks.BATCH * 80);
        List<Long> taken = new ArrayList<>();
        long failAt = RowChecks.BATCH * 3 + 10;
        RowChecks checks = new RowChecks(header, rows, 2, (line, row) -> {
            if (line == failAt) {
                throw new SQLException("COPY refused the row");
            }
            taken.add(line);
        });
        assertThatThrownBy(() -> {
            for (int i = 0; i < in.size(); i++) {
                checks.add(i + 1, in.get(i));
            }
            checks.finish();
        }).isInstanceOf(SQLException.class).hasMessage("COPY refused the row");
        checks.close();
        assertThat(taken).hasSize((int) failAt - 1).isSorted().endsWith(failAt - 1);
    }
}
