package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks and test peers live in test sources, so the shipped jars carry only the server: the one program in
 * production code is the server's Main, and nothing there plays the SMSC side of SMPP (that is LoopbackSmsc's job).
 */
class ProductionSourcesTest {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    static List<Path> productionSources() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).flatMap(dir -> {
                try (Stream<Path> files = Files.walk(dir)) {
                    return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    static List<String> containing(String text) throws IOException {
        return productionSources().stream().filter(f -> {
            try {
                return Files.readString(f).contains(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).map(f -> ROOT.relativize(f).toString()).toList();
    }

    @Test
    void theServerIsTheOnlyProgramInProductionCode() throws IOException {
        assertThat(productionSources()).hasSizeGreaterThan(100);
        assertThat(containing("static void main(")).containsExactly("api/src/main/java/org/opendialer/api/Main.java");
    }

    @Test
    void noSmscInProductionCode() throws IOException {
        assertThat(containing("org.jsmpp.session.SMPPServerSession")).isEmpty();
    }
}
