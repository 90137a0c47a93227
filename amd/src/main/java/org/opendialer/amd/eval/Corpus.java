package org.opendialer.amd.eval;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The labelled recordings of one bench run, read once from label files ({@code path,label,source_repo,...}). */
final class Corpus {

    /** A trailing "(name)" of one word: the speaker, language or kind within a source repository. */
    private static final Pattern SUB_SOURCE = Pattern.compile("\\s*\\(([\\p{L}\\p{N}_-]+)\\)\\s*$");

    /**
     * One scored recording.
     *
     * @param part   {@code real:<class>} or {@code generated:<class>}, by whether source_repo starts with generated
     * @param source who made it, for leave-one-source-out: the repository without commit and path, plus a trailing
     *               one-word "(speaker)" or "(language)"; e.g. {@code Jakobovski/free-spoken-digit-dataset/theo},
     *               {@code generated/fr}
     */
    record Sample(String path, String label, ExpectedClass expected, String part, String source, short[] audio) {
    }

    /** Scored samples and the count of rows outside the AMD bench. */
    record Loaded(List<Sample> samples, int skipped) {
    }

    private Corpus() {
    }

    static Loaded load(List<File> labelFiles) throws IOException {
        List<Sample> samples = new ArrayList<>();
        int skipped = 0;
        for (File csv : labelFiles) {
            if (!csv.canRead()) {
                throw new IOException("cannot read labels file " + csv);
            }
            File dir = csv.getAbsoluteFile().getParentFile();
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            try (Reader r = Files.newBufferedReader(csv.toPath(), StandardCharsets.UTF_8)) {
                for (CSVRecord rec : format.parse(r)) {
                    if (!rec.isMapped("path") || !rec.isMapped("label")) {
                        throw new IOException(csv + ": needs columns path,label");
                    }
                    ExpectedClass expected = ExpectedClass.of(rec.get("label"));
                    if (expected == null) {
                        skipped++;
                        continue;
                    }
                    String repo = rec.isMapped("source_repo") ? rec.get("source_repo") : "";
                    String part = (repo.startsWith("generated") ? "generated" : "real") + ":"
                            + rec.get("label").split(":")[0].toLowerCase(Locale.ROOT);
                    short[] audio = WavReader.read(new File(dir, rec.get("path")));
                    samples.add(new Sample(rec.get("path"), rec.get("label"), expected, part, source(repo), audio));
                }
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new IOException(csv + ": " + e.getMessage(), e);
            }
        }
        return new Loaded(samples, skipped);
    }

    /** The source key of a {@code source_repo} value (see {@link Sample#source()}). */
    static String source(String repo) {
        Matcher m = SUB_SOURCE.matcher(repo);
        String sub = m.find() ? m.group(1) : null;
        String base = sub == null ? repo : repo.substring(0, m.start());
        int at = base.indexOf('@');
        base = repo.startsWith("generated") ? "generated" : (at >= 0 ? base.substring(0, at) : base).strip();
        if (base.isEmpty()) {
            base = "unknown";
        }
        return sub == null ? base : base + "/" + sub;
    }
}
