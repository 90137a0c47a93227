package org.opendialer.ivr.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.data.DataActionDefinition.Auth;
import org.opendialer.ivr.data.DataActionResult.Failure;
import org.opendialer.ivr.data.DataActionResult.Reason;
import org.opendialer.store.testing.ManualClock;

/** Data actions over real HTTP against the CRM stand-in on 127.0.0.1. */
class DataActionsTest {

    static final Duration BUDGET = Duration.ofSeconds(5);
    final CrmStandIn crm;
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    DataActionsTest() throws Exception {
        crm = new CrmStandIn();
    }

    @AfterEach
    void stop() {
        crm.close();
    }

    DataActions actions(DataActions.Options options, DataActionDefinition... defs) {
        return new DataActions(List.of(defs), http, clock, options);
    }

    Auth.ClientCredentials oauth() {
        return new Auth.ClientCredentials(crm.base() + "/oauth2/token", CrmStandIn.CLIENT_ID, CrmStandIn.CLIENT_SECRET, "crm.read");
    }

    @Test
    void eachPresetFindsTheCallerByPhoneAndByAccount() {
        DataActions a = actions(DataActions.Options.DEFAULTS,
                CrmPresets.salesforce("sf.phone", crm.base(), "62.0", oauth(), false),
                CrmPresets.salesforce("sf.account", crm.base(), "62.0", oauth(), true),
                CrmPresets.zendesk("zd.phone", crm.base(), new Auth.Basic("crm-user", "crm-pass"), false),
                CrmPresets.zendesk("zd.account", crm.base(), new Auth.Basic("crm-user", "crm-pass"), true),
                CrmPresets.dynamics("d.phone", crm.base(), new Auth.Bearer("fixed-token"), false),
                CrmPresets.dynamics("d.account", crm.base(), new Auth.Bearer("fixed-token"), true));
        for (String crmName : List.of("sf", "zd", "d")) {
            DataActionResult byPhone = a.run(crmName + ".phone", Map.of("phone", "+15551230001"), BUDGET);
            assertThat(byPhone).as(crmName).isInstanceOfSatisfying(DataActionResult.Success.class, s -> assertThat(s.outputs())
                    .containsEntry("tier", "platinum").containsEntry("priorityAccount", true).containsEntry("nps", 9));
            DataActionResult byAccount = a.run(crmName + ".account", Map.of("account", "KR100200"), BUDGET);
            assertThat(byAccount).as(crmName).isInstanceOfSatisfying(DataActionResult.Success.class, s -> assertThat(s.outputs())
                    .containsEntry("phone", "+821012345678").containsEntry("product", "mobile"));
            assertThat(a.run(crmName + ".phone", Map.of("phone", "+15550000000"), BUDGET)).as(crmName)
                    .isInstanceOf(DataActionResult.NotFound.class);
        }
    }

    @Test
    void aRequestOfItsOwnPostsATemplatedJsonBodyWithHeaders() {
        DataActionDefinition custom = new DataActionDefinition("custom", new DataActionDefinition.Request("POST",
                crm.base() + "/custom/lookup", Map.of(), Map.of("X-Api-Key", "{{key}}"),
                "{\"phone\": \"{{phone}}\", \"note\": \"{{note}}\"}"), new Auth.None(), Map.of(), "$.customer",
                Map.of("name", "$.customer.name", "echo", "$.echo", "greeting", "Hello {{name}}"), BUDGET);
        DataActions a = actions(DataActions.Options.DEFAULTS, custom);
        String note = "said \"hi\"\nthen left";
        assertThat(a.run("custom", Map.of("phone", "+15551230001", "note", note, "key", "k1"), BUDGET))
                .isInstanceOfSatisfying(DataActionResult.Success.class, s -> assertThat(s.outputs())
                        .containsEntry("name", "Jane").containsEntry("echo", note).containsEntry("greeting", "Hello Jane"));
        assertThat(a.run("custom", Map.of("phone", "+15550000000", "note", "", "key", "k1"), BUDGET))
                .isInstanceOf(DataActionResult.NotFound.class);
    }

    @Test
    void anInputThatCouldBreakOutOfTheQueryIsRefusedBeforeAnyRequest() {
        DataActions a = actions(DataActions.Options.DEFAULTS, CrmPresets.salesforce("sf", crm.base(), "62.0", oauth(), true));
        DataActionResult r = a.run("sf", Map.of("account", "x' OR Name != '"), BUDGET);
        assertThat(r).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.reason()).isEqualTo(Reason.BAD_INPUT));
        assertThat(crm.lookups.get()).isZero();
    }

    @Test
    void theOAuthTokenIsFetchedOnceAndAgainOnlyNearItsExpiry() {
        crm.tokenLifetime(600);
        DataActions a = actions(DataActions.Options.DEFAULTS, CrmPresets.dynamics("d", crm.base(), oauth(), false));
        for (int i = 0; i < 3; i++) {
            assertThat(a.run("d", Map.of("phone", "+15551230001"), BUDGET)).isInstanceOf(DataActionResult.Success.class);
        }
        assertThat(crm.tokenRequests.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(600 - 31));
        a.run("d", Map.of("phone", "+15551230001"), BUDGET);
        assertThat(crm.tokenRequests.get()).as("still within the lifetime less its margin").isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(a.run("d", Map.of("phone", "+15551230001"), BUDGET)).isInstanceOf(DataActionResult.Success.class);
        assertThat(crm.tokenRequests.get()).isEqualTo(2);
    }

    @Test
    void warmingUpFetchesEachTokenOnceAndAsksNoLookup() throws Exception {
        DataActions a = actions(DataActions.Options.DEFAULTS,
                CrmPresets.salesforce("sf.phone", crm.base(), "62.0", oauth(), false),
                CrmPresets.salesforce("sf.account", crm.base(), "62.0", oauth(), true),
                CrmPresets.zendesk("zd.phone", crm.base(), new Auth.Basic("crm-user", "crm-pass"), false));
        a.warmUp().get(2 * DataActions.WARM_UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(crm.tokenRequests.get()).as("one token for the two actions of one client").isEqualTo(1);
        assertThat(crm.lookups.get()).isZero();
        assertThat(a.run("sf.phone", Map.of("phone", "+15551230001"), BUDGET)).isInstanceOf(DataActionResult.Success.class);
        assertThat(crm.tokenRequests.get()).as("the first run used the warmed-up token").isEqualTo(1);
        assertThat(a.circuit("sf.phone")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aTokenRefusedAtWarmUpIsAskedForAgainByTheFirstRun() throws Exception {
        DataActions a = actions(DataActions.Options.DEFAULTS, CrmPresets.zendesk("oauth", crm.base(),
                new Auth.ClientCredentials(crm.base() + "/oauth2/token", "dialer", "wrong", null), false));
        a.warmUp().get(2 * DataActions.WARM_UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS); // completes, not exceptionally
        assertThat(crm.tokenRequests.get()).isEqualTo(1);
        assertThat(a.run("oauth", Map.of("phone", "+15551230001"), BUDGET))
                .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.reason()).isEqualTo(Reason.HTTP_STATUS));
        assertThat(crm.tokenRequests.get()).as("a refused token is not kept").isEqualTo(2);
    }

    @Test
    void wrongCredentialsAreAFailureNotAnException() {
        DataActions a = actions(DataActions.Options.DEFAULTS,
                CrmPresets.zendesk("basic", crm.base(), new Auth.Basic("crm-user", "wrong"), false),
                CrmPresets.zendesk("oauth", crm.base(), new Auth.ClientCredentials(crm.base() + "/oauth2/token", "dialer", "wrong", null), false));
        assertThat(a.run("basic", Map.of("phone", "+15551230001"), BUDGET))
                .isEqualTo(new Failure(Reason.HTTP_STATUS, "the service answered 401"));
        assertThat(a.run("oauth", Map.of("phone", "+15551230001"), BUDGET))
                .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.reason()).isEqualTo(Reason.HTTP_STATUS));
    }

    @Test
    void aSlowCrmTimesOutWithinTheBudgetThenTheCircuitOpensAndClosesAgain() {
        DataActions a = actions(new DataActions.Options(50, 4, 4, Duration.ofSeconds(30)),
                CrmPresets.salesforce("sf", crm.base(), "62.0", new Auth.Bearer("fixed-token"), false));
        Map<String, String> in = Map.of("phone", "+15551230001");
        crm.slow();
        for (int i = 0; i < 4; i++) {
            // the stand-in holds each answer for 30 s: only the 300 ms budget can end these runs
            assertThat(a.run("sf", in, Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.reason()).isEqualTo(Reason.TIMEOUT));
        }
        assertThat(a.circuit("sf")).isEqualTo(CircuitBreaker.State.OPEN);
        int asked = crm.lookups.get();
        assertThat(a.run("sf", in, BUDGET))
                .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.reason()).isEqualTo(Reason.CIRCUIT_OPEN));
        assertThat(crm.lookups.get()).as("an open circuit does not ask the CRM").isEqualTo(asked);

        crm.release();
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 10 && a.circuit("sf") != CircuitBreaker.State.CLOSED; i++) {
            assertThat(a.run("sf", in, BUDGET)).isInstanceOf(DataActionResult.Success.class);
        }
        assertThat(a.circuit("sf")).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
