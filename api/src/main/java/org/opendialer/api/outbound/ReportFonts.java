package org.opendialer.api.outbound;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fonts of the PDF reports, from Debian font packages (none is bundled): DejaVu Sans for Latin text
 * (French accents and the rest of Latin, Greek, Cyrillic) and Nanum Gothic for Hangul. Both are TrueType, which
 * OpenPDF embeds as subsets (Noto CJK ships CFF outlines in .ttc collections, which it cannot). Each character
 * takes the first font that has it, so a campaign named in Korean and one in French render in one table.
 */
final class ReportFonts {

    /** The server cannot render the report: a font package is not installed. */
    static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    private record Face(String name, String debianPackage, List<String> paths) {
    }

    private static final List<Face> FACES = List.of(
            new Face("DejaVu Sans", "fonts-dejavu-core", List.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")),
            new Face("Nanum Gothic", "fonts-nanum", List.of("/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
                    "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf")));

    private ReportFonts() {
    }

    /** A selector for text of {@code size} points; {@link Missing} names the package to install. */
    static FontSelector selector(float size, boolean bold) {
        FontSelector s = new FontSelector();
        for (Face f : FACES) {
            String path = f.paths().stream().filter(p -> Files.isReadable(Path.of(p))).findFirst()
                    .orElseThrow(() -> new Missing("PDF reports need the font " + f.name() + " (" + f.paths().getFirst()
                            + "): install the Debian package " + f.debianPackage() + " (apt-get install " + f.debianPackage() + ")"));
            s.addFont(new Font(base(path), size, bold ? Font.BOLD : Font.NORMAL));
        }
        return s;
    }

    private static BaseFont base(String path) {
        try {
            return BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (Exception e) {
            throw new Missing("PDF reports: the font " + path + " cannot be read: " + e.getMessage());
        }
    }
}
