package org.opendialer.api.outbound;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.opendialer.api.auth.ApiGuard;
import org.opendialer.api.http.Blocking;
import org.opendialer.contacts.callable.CallableTimeSets;
import org.opendialer.contacts.callable.ContactZones;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.dnc.DncCsvImport;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.contacts.lists.ContactListStore;

/**
 * Binds the outbound compliance operations (DNC lists, callable time sets) in one place; {@code HttpApi} calls
 * {@link #operations}, {@link #streamedRoutes} and wraps its body handler with {@link #unlessStreamed}.
 */
public final class OutboundRoutes {

    /** The CSV upload: in the served contract, routed by hand (see {@link DncUploadEndpoint}). */
    public static final String UPLOAD_PATH = "/api/v2/outbound/dnclists/{dncListId}/upload";
    /** The scope of every operation here, as the contract declares it. */
    static final String SCOPE = "campaigns";
    /** The contact list CSV upload, routed the same way. */
    public static final String CONTACTS_UPLOAD_PATH = "/api/v2/outbound/contactlists/{contactListId}/upload";
    private static final Pattern UPLOAD = Pattern.compile("^/api/v2/outbound/(dnclists|contactlists)/[^/]+/upload$");

    private final DncListsApi dnc;
    private final DncUploadEndpoint upload;
    private final CallableTimeSetsApi timeSets;
    private final CampaignsApi campaigns;
    private final RuleSetsApi ruleSets;
    private final ContactsApi contacts;
    private final ReportsApi reports;

    /** @param external the node's external DNC lists (the campaign runner's too: one HTTP client per node) */
    public OutboundRoutes(DataSource dataSource, ConsentLedger ledger, Blocking blocking, Clock clock,
                          org.opendialer.contacts.dnc.external.ExternalDncLists external) {
        DncLists lists = new DncLists(dataSource);
        this.dnc = new DncListsApi(lists, new DncEntries(dataSource, lists, ledger), external, blocking);
        this.upload = new DncUploadEndpoint(new DncCsvImport(dataSource, lists, ledger.addresses()), blocking);
        this.timeSets = new CallableTimeSetsApi(new CallableTimeSets(dataSource),
                new ContactZones(ledger.addresses().defaultRegion()), clock, blocking);
        this.campaigns = new CampaignsApi(dataSource, ledger, clock, blocking, external);
        this.ruleSets = new RuleSetsApi(new org.opendialer.campaign.rules.RuleSets(dataSource), blocking);
        this.reports = new ReportsApi(dataSource, blocking);
        this.contacts = new ContactsApi(new ContactListStore(dataSource, ledger.addresses()), dataSource, blocking);
    }

    /** The contract-validated operations. */
    public void operations(RouterBuilder rb) {
        route(rb, "listDncLists").addHandler(dnc::list);
        route(rb, "createDncList").addHandler(dnc::create);
        route(rb, "getDncList").addHandler(dnc::get);
        route(rb, "updateDncList").addHandler(dnc::update);
        route(rb, "deleteDncList").addHandler(dnc::delete);
        route(rb, "listDncListEntries").addHandler(dnc::entries);
        route(rb, "patchDncListPhoneNumbers").addHandler(dnc::patchPhoneNumbers);
        route(rb, "patchDncListEmailAddresses").addHandler(dnc::patchEmailAddresses);
        route(rb, "listCallableTimeSets").addHandler(timeSets::list);
        route(rb, "createCallableTimeSet").addHandler(timeSets::create);
        route(rb, "getCallableTimeSet").addHandler(timeSets::get);
        route(rb, "updateCallableTimeSet").addHandler(timeSets::update);
        route(rb, "deleteCallableTimeSet").addHandler(timeSets::delete);
        route(rb, "checkCallableTimeSet").addHandler(timeSets::check);
        route(rb, "listCampaigns").addHandler(campaigns::list);
        route(rb, "createCampaign").addHandler(campaigns::create);
        route(rb, "getCampaign").addHandler(campaigns::get);
        route(rb, "updateCampaign").addHandler(campaigns::update);
        route(rb, "deleteCampaign").addHandler(campaigns::delete);
        route(rb, "startCampaign").addHandler(campaigns::start);
        route(rb, "stopCampaign").addHandler(campaigns::stop);
        route(rb, "pauseCampaign").addHandler(campaigns::pause);
        route(rb, "resumeCampaign").addHandler(campaigns::resume);
        route(rb, "listCampaignDialAttempts").addHandler(campaigns::attempts);
        route(rb, "listCampaignDecisions").addHandler(campaigns::decisions);
        route(rb, "dryRunCampaign").addHandler(campaigns::dryRun);
        route(rb, "cancelCampaignContactCallback").addHandler(campaigns::cancelCallback);
        route(rb, "listRuleSets").addHandler(ruleSets::list);
        route(rb, "createRuleSet").addHandler(ruleSets::create);
        route(rb, "getRuleSet").addHandler(ruleSets::get);
        route(rb, "updateRuleSet").addHandler(ruleSets::update);
        route(rb, "deleteRuleSet").addHandler(ruleSets::delete);
        route(rb, "getContactListImportStatus").addHandler(contacts::importStatus);
        route(rb, "insertContactListContacts").addHandler(contacts::insert);
        route(rb, "getContactListContact").addHandler(contacts::get);
        route(rb, "updateContactListContact").addHandler(contacts::update);
        route(rb, "deleteContactListContact").addHandler(contacts::delete);
        route(rb, "exportContactList").addHandler(contacts::export);
        route(rb, "getCampaignProgress").addHandler(reports::progress);
        route(rb, "listCampaignIntervals").addHandler(reports::intervals);
        route(rb, "exportCampaignIntervals").addHandler(reports::exportIntervals);
        route(rb, "listCampaignAttemptHistory").addHandler(reports::attempts);
        route(rb, "exportCampaignAttemptHistory").addHandler(reports::exportAttempts);
    }

    /** The streamed CSV uploads, guarded by hand with the contract's scope. */
    public void streamedRoutes(Router router, ApiGuard guard) {
        guard.protect(router.post("/api/v2/outbound/dnclists/:dncListId/upload"), SCOPE).handler(upload::handle);
        guard.protect(router.post("/api/v2/outbound/contactlists/:contactListId/upload"), SCOPE).handler(contacts::upload);
    }

    /**
     * {@code bodyHandler} for every request but the streamed upload, which is paused instead (its body is read
     * by its handler once the token is checked) and drained if it is answered before that.
     */
    public static Handler<RoutingContext> unlessStreamed(Handler<RoutingContext> bodyHandler) {
        return rc -> {
            if (rc.request().method().name().equals("POST") && UPLOAD.matcher(rc.request().path()).matches()) {
                rc.request().pause();
                rc.addEndHandler(v -> rc.request().resume());
                rc.next();
            } else {
                bodyHandler.handle(rc);
            }
        };
    }

    private static OpenAPIRoute route(RouterBuilder rb, String operationId) {
        OpenAPIRoute r = rb.getRoute(operationId);
        if (r == null) {
            throw new IllegalStateException("operation " + operationId + " missing from openapi.yaml");
        }
        return r;
    }
}
