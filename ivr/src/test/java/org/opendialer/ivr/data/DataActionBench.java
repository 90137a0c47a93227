package org.opendialer.ivr.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.data.DataActionDefinition.Auth;

/**
 * Not a test (its name keeps it out of the default run): N CRM lookups by caller number, C at a time on virtual
 * threads (one per simulated caller), against the stand-in on loopback with OAuth2; prints the latency of
 * {@link DataActions#run} (template, token cache, HTTP, JSONPath mapping). Asserts only that every lookup found
 * its customer.
 *
 * <pre>mvn -B -q -pl ivr -am test -Dtest=DataActionBench -DfailIfNoSpecifiedTests=false -Dbench.n=4000 -Dbench.c=200</pre>
 */
class DataActionBench {

    @Test
    void lookupsAgainstTheStandIn() throws Exception {
        int n = Integer.getInteger("bench.n", 4000);
        int concurrent = Integer.getInteger("bench.c", 200);
        try (CrmStandIn crm = new CrmStandIn(); ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            DataActions actions = new DataActions(List.of(CrmPresets.salesforce("sf", crm.base(), "62.0",
                    new Auth.ClientCredentials(crm.base() + "/oauth2/token", CrmStandIn.CLIENT_ID, CrmStandIn.CLIENT_SECRET, null),
                    false)), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Clock.systemUTC(),
                    DataActions.Options.DEFAULTS);
            for (int i = 0; i < 200; i++) { // warm-up
                actions.run("sf", Map.of("phone", "+15551230001"), Duration.ofSeconds(5));
            }
            List<Long> micros = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(concurrent);
            List<Future<DataActionResult>> results = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                slots.acquire();
                results.add(callers.submit(() -> {
                    try {
                        long t0 = System.nanoTime();
                        DataActionResult r = actions.run("sf", Map.of("phone", "+15551230001"), Duration.ofSeconds(5));
                        micros.add((System.nanoTime() - t0) / 1000);
                        return r;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<DataActionResult> f : results) {
                assertThat(f.get()).isInstanceOf(DataActionResult.Success.class);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            System.out.printf("DataActionBench: %d lookups, %d concurrent, %.0f/s; run() p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                            + " token requests %d%n", n, concurrent, n / seconds, pct(sorted, 50) / 1000.0,
                    pct(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, crm.tokenRequests.get());
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
