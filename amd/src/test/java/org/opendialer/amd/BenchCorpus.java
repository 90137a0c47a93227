package org.opendialer.amd;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bench material is, for tests: the real corpus ({@code ../shared/corpus}, or the {@code amd.realCorpus}
 * system property) and the corpus {@code corpus/generate.sh} makes into {@code target/generated-corpus}, generated
 * once per test JVM. Fails, never skips, when the real corpus or the generator's tools are missing.
 */
public final class BenchCorpus {

    private static Path generated;

    private BenchCorpus() {
    }

    /** The real corpus folder (holds {@code labels.csv}). */
    public static Path real() {
        Path real = Path.of(System.getProperty("amd.realCorpus", "../../shared/corpus"));
        if (!Files.isReadable(real.resolve("labels.csv"))) {
            fail("real corpus not found at " + real.toAbsolutePath() + " (set -Damd.realCorpus=DIR)");
        }
        return real;
    }

    /** The generated corpus folder (holds {@code labels.csv} and {@code early/labels.csv}), made on first use. */
    public static synchronized Path generated() throws IOException, InterruptedException {
        if (generated == null) {
            Path out = Path.of("target/generated-corpus");
            Process p = new ProcessBuilder("bash", "corpus/generate.sh", out.toString(), real().toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                fail("corpus/generate.sh failed (needs espeak-ng and sox: apt-get install espeak-ng sox):\n" + log);
            }
            generated = out;
        }
        return generated;
    }
}
