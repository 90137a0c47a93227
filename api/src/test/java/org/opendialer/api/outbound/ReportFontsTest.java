package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report fonts come from Debian packages; a missing one is an error that names the package to install. */
class ReportFontsTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingFontNamesItsDebianPackage() throws Exception {
        assertThatThrownBy(() -> ReportFonts.selector(tmp, 9, false)).isInstanceOf(ReportFonts.Missing.class)
                .hasMessageContaining("DejaVu Sans").hasMessageContaining("apt-get install fonts-dejavu-core");
        Files.createDirectories(tmp.resolve("dejavu"));
        Files.copy(ReportFonts.DEBIAN_FONTS.resolve("dejavu/DejaVuSans.ttf"), tmp.resolve("dejavu/DejaVuSans.ttf"));
        assertThatThrownBy(() -> ReportFonts.selector(tmp, 9, false)).isInstanceOf(ReportFonts.Missing.class)
                .hasMessageContaining("Nanum Gothic").hasMessageContaining("apt-get install fonts-nanum");
    }

    @Test
    void theInstalledFontsCoverKoreanAndFrench() {
        var phrase = ReportFonts.selector(9, false).process("가을 캠페인 · Campagne d'été à Montréal");
        StringBuilder text = new StringBuilder();
        for (var e : phrase) {
            var chunk = (com.lowagie.text.Chunk) e;
            String font = chunk.getFont().getBaseFont().getPostscriptFontName();
            if (chunk.getContent().contains("가")) {
                assertThat(font).as("Hangul").contains("Nanum");
            }
            if (chunk.getContent().contains("é")) {
                assertThat(font).as("French accents").contains("DejaVu");
            }
            text.append(chunk.getContent());
        }
        assertThat(text.toString()).as("every character found a font").isEqualTo("가을 캠페인 · Campagne d'été à Montréal");
    }
}
