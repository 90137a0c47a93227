package org.opendialer.media.dtmf;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opendialer.media.play.WavFile;
import org.opendialer.media.testutil.Signals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real recordings in ../shared/corpus (labels.csv). Every DTMF file must decode to its label, except the
 * one known miss below; every machine/ and tones/ file must produce no digit at all.
 */
class DtmfCorpusTest {

    static final Path CORPUS = Path.of(System.getProperty("corpus.dir", "../../shared/corpus"));

    record Label(String path, String kind, String expected) {
    }

    static List<Label> labels() throws IOException {
        List<Label> out = new ArrayList<>();
        try (var in = Files.newBufferedReader(CORPUS.resolve("labels.csv"))) {
            for (var r : org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(in)) {
                String label = r.get("label");
                String kind = label.substring(0, label.indexOf(':'));
                String expected = kind.equals("dtmf") ? label.substring(5).replace('p', '#').replace('P', '#')
                        .replace('s', '*').replace('S', '*') : "";
                out.add(new Label(r.get("path"), kind, expected));
            }
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> everyFileDecodesToItsLabel() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Label l : labels()) {
            tests.add(DynamicTest.dynamicTest(l.path, () -> {
                String got = Signals.detect(WavFile.read(CORPUS.resolve(l.path)));
                assertThat(got).as(l.path).isEqualTo(l.expected);
            }));
        }
        assertThat(tests).hasSizeGreaterThan(30);
        return tests;
    }
}
