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

    private record Face(String name, String debianPackage, List<String> files) {
    }

    /** Where Debian's packages put TrueType fonts. */
    static final Path DEBIAN_FONTS = Path.of("/usr/share/fonts/truetype");
    private static final List<Face> FACES = List.of(
            new Face("DejaVu Sans", "fonts-dejavu-core", List.of("dejavu/DejaVuSans.ttf")),
            new Face("Nanum Gothic", "fonts-nanum", List.of("nanum/NanumGothic.ttf", "nanum/NanumBarunGothic.ttf")));

    private ReportFonts() {
    }

    /** A selector for text of {@code size} points; {@link Missing} names the package to install. */
    static FontSelector selector(float size, boolean bold) {
        return selector(DEBIAN_FONTS, size, bold);
    }

    static FontSelector selector(Path root, float size, boolean bold) {
        FontSelector s = new FontSelector();
        for (Face f : FACES) {
            Path path = f.files().stream().map(root::resolve).filter(Files::isReadable).findFirst()
                    .orElseThrow(() -> new Missing("PDF reports need the font " + f.name() + " (" + root.resolve(f.files().getFirst())
                            + "): install the Debian package " + f.debianPackage() + " (apt-get install " + f.debianPackage() + ")"));
            s.addFont(new Font(base(path.toString()), size, bold ? Font.BOLD : Font.NORMAL));
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
