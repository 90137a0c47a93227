package org.opendialer.notifications.messaging;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Results of a campaign, one line per contact with its outcome and, for skipped contacts, why: CSV or PDF. */
public final class CampaignExport {

    static final List<String> HEADER = List.of("contactId", "line", "address", "state", "reason", "attempts",
            "lastAttemptAt", "messageId", "messageStatus", "messageDetail");

    private CampaignExport() {
    }

    public static String csv(List<CampaignStore.ResultRow> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
            for (CampaignStore.ResultRow r : rows) {
                p.printRecord(cells(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] pdf(MessagingCampaign c, MessagingCampaign.Progress progress, List<CampaignStore.ResultRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
        try {
            PdfWriter.getInstance(doc, out);
            doc.open();
            doc.add(new Paragraph("Campaign " + c.name() + " (" + c.channel() + ")", FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14)));
            doc.add(new Paragraph(String.format("Status %s. Contacts %d, processed %d, sent %d, delivered %d, skipped %d, failed %d, unknown %d, pending %d.",
                    progress.status(), progress.total(), progress.processed(), progress.sent(), progress.delivered(),
                    progress.skipped(), progress.failed(), progress.unknown(), progress.pending()), FontFactory.getFont(FontFactory.HELVETICA, 10)));
            doc.add(new Paragraph(" "));
            PdfPTable table = new PdfPTable(new float[] {3, 1, 3, 2, 5, 1, 3, 2, 3});
            table.setWidthPercentage(100);
            Font head = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 7);
            List<String> shown = HEADER.subList(0, 9);
            shown.forEach(h -> table.addCell(new PdfPCell(new Phrase(h, head))));
            table.setHeaderRows(1);
            for (CampaignStore.ResultRow r : rows) {
                List<String> cells = cells(r).subList(0, 9);
                cells.forEach(v -> table.addCell(new PdfPCell(new Phrase(v, body))));
            }
            doc.add(table);
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF export failed: " + e.getMessage(), e);
        } finally {
            doc.close();
        }
        return out.toByteArray();
    }

    private static List<String> cells(CampaignStore.ResultRow r) {
        return List.of(r.contactId(), Integer.toString(r.lineNo()), nz(r.address()), r.state(), nz(r.reason()),
                Integer.toString(r.attempts()), r.lastAttemptAt() == null ? "" : r.lastAttemptAt().toString(),
                r.messageId() == null ? "" : r.messageId().toString(), nz(r.messageStatus()), nz(r.messageDetail()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
