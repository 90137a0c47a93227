package org.opendialer.api.outbound;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opendialer.campaign.report.IntervalRow;
import org.opendialer.campaign.runner.Attempt;

/**
 * The campaign reports as CSV (commons-csv, written as rows arrive) and PDF (OpenPDF with {@link ReportFonts}).
 * Ratios are percentages with two decimals, empty when their denominator is zero.
 */
final class ReportExports {

    static final List<String> INTERVAL_HEADER = List.of("intervalStart", "intervalEnd", "dials", "contacts", "abandons",
            "contactRatePercent", "abandonsPerDialPercent", "abandonRatePercent");
    static final List<String> ATTEMPT_HEADER = List.of("campaign", "attemptId", "contactId", "number", "phoneColumn",
            "dateCreated", "callerIdName", "callerId", "trunkGroup", "result", "sipStatus", "q850", "disposition", "cpa",
            "amdResult", "liveAnswer", "abandoned", "answeredAt", "endedAt", "timeToAnswerMs", "talkMs", "durationMs",
            "callId", "node");
    /** The PDF of an attempt history lists at most this many (the CSV has them all); the last line says so. */
    static final int PDF_ATTEMPTS = 5000;
    private static final List<String> PDF_ATTEMPT_COLUMNS = List.of("campaign", "contactId", "number", "dateCreated",
            "callerId", "result", "sipStatus", "amdResult", "timeToAnswerMs", "talkMs");
    /** Relative widths: a date-time or a UUID fits its cell on one line. */
    private static final float[] PDF_ATTEMPT_WIDTHS = {4, 5, 2.5f, 3.5f, 2.5f, 2, 1.2f, 2, 1.6f, 1.2f};
    private static final float[] PDF_INTERVAL_WIDTHS = {3, 3, 1, 1, 1, 2, 2, 2};

    /** A campaign's name and caller ID name, which an attempt row does not carry. */
    record CampaignNames(String name, String callerIdName) {
    }

    private ReportExports() {
    }

    static void intervalsCsv(List<IntervalRow> rows, IntervalRow total, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, INTERVAL_HEADER)) {
            for (IntervalRow r : rows) {
                p.printRecord(intervalCells(r, r.start().toString(), r.end().toString()));
            }
            if (total != null) {
                p.printRecord(intervalCells(total, "total", ""));
            }
        }
    }

    /** Streams the attempts {@code each} feeds into {@code out}. */
    static void attemptsCsv(Map<UUID, CampaignNames> names, Consumer<Consumer<Attempt>> each, Writer out) throws IOException {
        try (CSVPrinter p = printer(out, ATTEMPT_HEADER)) {
            each.accept(a -> {
                try {
                    p.printRecord(attemptCells(a, names.get(a.campaignId())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static byte[] intervalsPdf(String title, List<String> subtitle, List<IntervalRow> rows, IntervalRow total) {
        return pdf(title, subtitle, INTERVAL_HEADER, PDF_INTERVAL_WIDTHS, table -> {
            rows.forEach(r -> table.accept(intervalCells(r, r.start().toString(), r.end().toString())));
            if (total != null) {
                table.accept(intervalCells(total, "total", ""));
            }
        });
    }

    static byte[] attemptsPdf(String title, List<String> subtitle, Map<UUID, CampaignNames> names,
                              Consumer<Consumer<Attempt>> each) {
        List<Integer> shown = PDF_ATTEMPT_COLUMNS.stream().map(ATTEMPT_HEADER::indexOf).toList();
        List<String> lines = new ArrayList<>(subtitle);
        return pdf(title, lines, PDF_ATTEMPT_COLUMNS, PDF_ATTEMPT_WIDTHS, table -> {
            int[] n = {0};
            each.accept(a -> {
                if (n[0]++ < PDF_ATTEMPTS) {
                    List<String> cells = attemptCells(a, names.get(a.campaignId()));
                    table.accept(shown.stream().map(cells::get).toList());
                }
            });
            if (n[0] > PDF_ATTEMPTS) {
                lines.add("First " + PDF_ATTEMPTS + " of " + n[0] + " attempts; the CSV export has them all.");
            }
        });
    }

    private static byte[] pdf(String title, List<String> subtitle, List<String> header, float[] widths,
                              Consumer<Consumer<List<String>>> body) {
        FontSelector titleFont = ReportFonts.selector(14, true);
        FontSelector textFont = ReportFonts.selector(9, false);
        FontSelector headFont = ReportFonts.selector(7, true);
        FontSelector cellFont = ReportFonts.selector(7, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
        try {
            PdfWriter.getInstance(doc, out);
            doc.open();
            doc.add(new Paragraph(titleFont.process(title)));
            PdfPTable table = new PdfPTable(widths);
            table.setWidthPercentage(100);
            header.forEach(h -> table.addCell(new PdfPCell(headFont.process(h))));
            table.setHeaderRows(1);
            body.accept(cells -> cells.forEach(v -> table.addCell(new PdfPCell(cellFont.process(v)))));
            for (String line : subtitle) { // after the body: an attempt history learns its count while it is read
                doc.add(new Paragraph(textFont.process(line)));
            }
            doc.add(new Paragraph(" "));
            doc.add(table);
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF report failed: " + e.getMessage(), e);
        } finally {
            doc.close();
        }
        return out.toByteArray();
    }

    private static CSVPrinter printer(Writer out, List<String> header) throws IOException {
        return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
    }

    private static List<String> intervalCells(IntervalRow r, String start, String end) {
        return List.of(start, end, Long.toString(r.dials()), Long.toString(r.contacts()), Long.toString(r.abandons()),
                percent(r.contactRate()), percent(r.abandonsPerDial()), percent(r.abandonRate()));
    }

    private static List<String> attemptCells(Attempt a, CampaignNames c) {
        return List.of(c == null ? "" : c.name(), a.id().toString(), a.contactId(), a.number(), a.phoneColumn(),
                a.createdAt().toString(), c == null ? "" : nz(c.callerIdName()), nz(a.callerId()), nz(a.trunkGroup()),
                nz(a.result()), nz(a.sipStatus()), nz(a.q850()), nz(a.disposition()), nz(a.cpa()), nz(a.amdResult()),
                Boolean.toString(a.liveAnswer()), Boolean.toString(a.abandoned()), nz(a.answeredAt()), nz(a.endedAt()),
                nz(a.timeToAnswerMs()), nz(a.talkMs()), nz(a.durationMs()), nz(a.callId()), a.node());
    }

    static String percent(Double d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }
}
