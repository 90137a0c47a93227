package org.opendialer.api.outbound;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Listing;
import org.opendialer.campaign.report.CampaignProgress;
import org.opendialer.campaign.report.CampaignReports;
import org.opendialer.campaign.report.Granularity;
import org.opendialer.campaign.report.IntervalRow;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStore;

/**
 * A campaign's progress (the dashboard) and the reports over the attempt history of one or several campaigns:
 * dials, contacts and abandons by 15/30/60 minutes or by day, and the attempts of a date range, as JSON
 * listings or exported as CSV (streamed) or PDF.
 */
final class ReportsApi {

    private final CampaignStore campaigns;
    private final CampaignReports reports;
    private final Blocking blocking;

    ReportsApi(DataSource ds, Blocking blocking) {
        this.campaigns = new CampaignStore(ds);
        this.reports = new CampaignReports(ds);
        this.blocking = blocking;
    }

    void progress(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        OutboundReplies.answer(rc, blocking.call(() -> reports.progress(campaigns.require(id))),
                p -> OutboundReplies.json(rc, 200, progress(p)));
    }

    /** Every interval of the range (empty ones too), paged, with the range's totals beside the page. */
    void intervals(RoutingContext rc) {
        Range r = Range.of(rc);
        if (r == null) {
            return;
        }
        Listing.Page page = Listing.page(rc);
        OutboundReplies.answer(rc, blocking.call(() -> {
            r.names(campaigns);
            return reports.intervals(r.ids, r.granularity, r.from, r.to, r.zone);
        }), rows -> {
            JsonArray entities = new JsonArray();
            rows.stream().skip(page.offset()).limit(page.pageSize()).forEach(row -> entities.add(interval(row)));
            IntervalRow total = CampaignReports.total(rows);
            OutboundReplies.json(rc, 200, Listing.of(rc.request().path(), rc.queryParams(), page, rows.size(), entities)
                    .put("totals", total == null ? null : interval(total)));
        });
    }

    void exportIntervals(RoutingContext rc) {
        export(rc, "campaign-intervals", (r, names) -> {
            List<IntervalRow> rows = reports.intervals(r.ids, r.granularity, r.from, r.to, r.zone);
            return ReportExports.intervalsPdf("Dialer campaign outcomes by interval (" + r.granularity.wire() + ")",
                    r.subtitle(names), rows, CampaignReports.total(rows));
        }, (r, names, out) -> {
            List<IntervalRow> rows = reports.intervals(r.ids, r.granularity, r.from, r.to, r.zone);
            ReportExports.intervalsCsv(rows, CampaignReports.total(rows), out);
        });
    }

    void attempts(RoutingContext rc) {
        Range r = Range.of(rc);
        if (r == null) {
            return;
        }
        Listing.Page page = Listing.page(rc);
        OutboundReplies.answer(rc, blocking.call(() -> {
            Map<UUID, ReportExports.CampaignNames> names = r.names(campaigns);
            var slice = reports.attempts(r.ids, r.from, r.to, page.pageSize(), page.pageNumber());
            return Map.entry(names, slice);
        }), e -> Listing.send(rc, page, new Listing.Result<>(e.getValue().items(), e.getValue().total()),
                a -> CampaignsApi.attempt(a).put("campaignId", a.campaignId().toString())
                        .put("campaignName", e.getKey().get(a.campaignId()).name())
                        .put("callerIdName", e.getKey().get(a.campaignId()).callerIdName())));
    }

    void exportAttempts(RoutingContext rc) {
        export(rc, "campaign-attempts", (r, names) -> ReportExports.attemptsPdf("Dialer campaign attempt history",
                r.subtitle(names), names, sink -> reports.eachAttempt(r.ids, r.from, r.to, sink)),
                (r, names, out) -> ReportExports.attemptsCsv(names, sink -> reports.eachAttempt(r.ids, r.from, r.to, sink), out));
    }

    static JsonObject progress(CampaignProgress p) {
        return new JsonObject().put("campaignId", p.campaignId().toString()).put("totalContacts", p.total())
                .put("processedContacts", p.processed()).put("remainingContacts", p.remaining()).put("dials", p.dials())
                .put("connects", p.connects()).put("abandons", p.abandons()).put("callsInFlight", p.inFlight())
                .put("abandonRate", p.abandonRate()).put("abandonRateTarget", p.abandonTarget())
                .put("dncBlockedContacts", p.dncBlocked()).put("idleAgents", p.idleAgents());
    }

    static JsonObject interval(IntervalRow r) {
        return new JsonObject().put("intervalStart", r.start().toString()).put("intervalEnd", r.end().toString())
                .put("dials", r.dials()).put("contacts", r.contacts()).put("abandons", r.abandons())
                .put("contactRate", r.contactRate()).put("abandonsPerDial", r.abandonsPerDial())
                .put("abandonRate", r.abandonRate());
    }

    private interface Pdf {
        byte[] make(Range r, Map<UUID, ReportExports.CampaignNames> names);
    }

    private interface Csv {
        void write(Range r, Map<UUID, ReportExports.CampaignNames> names, Writer out) throws IOException;
    }

    /** {@code format=pdf}: built whole, then sent; else CSV written as it is read (a failure mid-way resets). */
    private void export(RoutingContext rc, String file, Pdf pdf, Csv csv) {
        Range r = Range.of(rc);
        if (r == null) {
            return;
        }
        if ("pdf".equals(rc.queryParams().get("format"))) {
            OutboundReplies.answer(rc, blocking.call(() -> pdf.make(r, r.names(campaigns))), bytes -> sendPdf(rc, bytes, file + ".pdf"));
            return;
        }
        ResponseWriter out = new ResponseWriter(rc.response(), Vertx.currentContext(), "text/csv; charset=utf-8", file + ".csv");
        blocking.call(() -> {
            csv.write(r, r.names(campaigns), out);
            out.close();
            return null;
        }).onFailure(e -> {
            if (out.started()) {
                rc.response().reset(); // no truncated file that looks complete
            } else {
                OutboundReplies.fail(rc, e);
            }
        });
    }

    private static void sendPdf(RoutingContext rc, byte[] pdf, String file) {
        rc.response().putHeader("Content-Type", "application/pdf")
                .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .end(io.vertx.core.buffer.Buffer.buffer(pdf));
    }

    /** The campaigns and the time range of a report request. */
    private static final class Range {
        final List<UUID> ids = new ArrayList<>();
        Instant from;
        Instant to;
        ZoneId zone;
        Granularity granularity;

        /** The request's range, or null when it is bad (the 400 is sent). */
        static Range of(RoutingContext rc) {
            try {
                return read(rc);
            } catch (RuntimeException e) {
                OutboundReplies.fail(rc, e);
                return null;
            }
        }

        private static Range read(RoutingContext rc) {
            Range r = new Range();
            var q = rc.queryParams();
            for (String id : q.getAll("campaignId")) {
                for (String one : id.split(",")) {
                    r.ids.add(UUID.fromString(one.trim()));
                }
            }
            if (r.ids.isEmpty()) {
                throw new IllegalArgumentException("campaignId: at least one campaign");
            }
            r.from = Instant.parse(q.get("from"));
            r.to = Instant.parse(q.get("to"));
            if (!r.from.isBefore(r.to)) {
                throw new IllegalArgumentException("from: must be before to");
            }
            r.zone = ZoneId.of(q.get("timeZone") == null ? "UTC" : q.get("timeZone"));
            r.granularity = Granularity.parse(q.get("granularity") == null ? "sixtyMinutes" : q.get("granularity"));
            return r;
        }

        /** The campaigns' names (404 for one that does not exist). */
        Map<UUID, ReportExports.CampaignNames> names(CampaignStore store) {
            Map<UUID, ReportExports.CampaignNames> out = new LinkedHashMap<>();
            for (UUID id : ids) {
                Campaign c = store.require(id);
                out.put(id, new ReportExports.CampaignNames(c.settings().name(), c.settings().callerIdName()));
            }
            return out;
        }

        List<String> subtitle(Map<UUID, ReportExports.CampaignNames> names) {
            return List.of("Campaigns: " + String.join(", ", names.values().stream().map(ReportExports.CampaignNames::name).toList()),
                    "From " + from + " to " + to + " (time zone " + zone + ")");
        }
    }
}
