package org.opendialer.notifications.messaging;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The interaction view as CSV: agentless and campaign messages alike, one line each. */
public final class MessageExport {

    private MessageExport() {
    }

    public static String csv(List<Message> messages) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("id", "createdAt", "direction",
                "messengerType", "fromAddress", "toAddress", "status", "statusDetail", "segments", "campaignId", "contactId",
                "conversationId").get())) {
            for (Message m : messages) {
                p.printRecord(m.id(), m.createdAt(), m.outbound() ? "outbound" : "inbound",
                        m.channel().name().toLowerCase(Locale.ROOT), m.from(), m.to(), m.status().name().toLowerCase(Locale.ROOT),
                        m.statusDetail(), m.segments(), m.campaignId(), m.contactId(), m.conversationId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
