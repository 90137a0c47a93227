package org.opendialer.amd;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bench material is, for tests: the real corpus ({@code ../shared/corpus}, or the {@code amd.realCorpus}
 * system property) and the corpus {@code corpus/generate.sh} makes into {@code target/generated-corpus}, generated
 * once per test JVM, and the real voicemail greetings and carrier announcements in four more languages that
 * {@code corpus/prompts.sh} puts together from Debian's Asterisk prompts into {@code target/prompts-corpus}. Fails,
 * never skips, when the real corpus, the generator's tools or the prompt packages are missing.
 */
public final class BenchCorpus {

    private static Path generated;
    private static Path prompts;

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
            generated = make("corpus/generate.sh", "target/generated-corpus", real().toString(),
                    "espeak-ng and sox: apt-get install espeak-ng sox");
        }
        return generated;
    }

    /** The real prompts corpus folder (holds {@code labels.csv}), made on first use. */
    public static synchronized Path prompts() throws IOException, InterruptedException {
        if (prompts == null) {
            prompts = make("corpus/prompts.sh", "target/prompts-corpus", "/usr/share/asterisk/sounds",
                    "sox and apt-get install asterisk-core-sounds-fr-wav asterisk-core-sounds-es-wav "
                            + "asterisk-core-sounds-it-wav asterisk-core-sounds-ru-wav");
        }
        return prompts;
    }

    private static Path make(String script, String outDir, String input, String needs)
            throws IOException, InterruptedException {
        Path out = Path.of(outDir);
        Process p = new ProcessBuilder("bash", script, out.toString(), input).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail(script + " failed (needs " + needs + "):\n" + log);
        }
        return out;
    }
}
