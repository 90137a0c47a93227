package org.opendialer.ivr.data;

import com.jayway.jsonpath.InvalidJsonException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendialer.ivr.data.DataActionDefinition.Auth;
import org.opendialer.ivr.data.DataActionResult.Failure;
import org.opendialer.ivr.data.DataActionResult.Reason;
import org.opendialer.ivr.flow.FlowTemplates;
import org.opendialer.ivr.flow.FlowTemplates.Escape;

/**
 * Runs data actions for flows. Each run is bounded by the caller's time budget (token fetch included) so a slow
 * service never leaves a caller in silence: when the budget passes the request is cancelled and the result is a
 * {@link Reason#TIMEOUT} failure. Each action has its own resilience4j circuit breaker: after too many failures or
 * timeouts among recent runs it opens and runs fail at once ({@link Reason#CIRCUIT_OPEN}) without asking the
 * service, until a trial after {@link Options#openFor()}. A "not found" answer counts as a success of the service.
 *
 * <p>Blocks the calling thread (the flow's virtual thread) for at most the budget.
 */
public final class DataActions {

    /**
     * Circuit breaker settings, per action.
     *
     * @param failureRatePercent failures (errors, timeouts) among the last {@code window} runs that open the circuit
     * @param window             runs considered
     * @param minimumRuns        runs needed before the rate is judged
     * @param openFor            how long the circuit stays open before trial runs
     */
    public record Options(int failureRatePercent, int window, int minimumRuns, Duration openFor) {
        public static final Options DEFAULTS = new Options(50, 20, 5, Duration.ofSeconds(30));
    }

    /** Budget of {@link #warmUp}'s token fetches. */
    public static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, DataActionDefinition> definitions = new LinkedHashMap<>();
    private final HttpClient http;
    private final OAuthTokens tokens;
    private final CircuitBreakerRegistry breakers;

    public DataActions(Collection<DataActionDefinition> definitions, HttpClient http, Clock clock, Options options) {
        definitions.forEach(d -> this.definitions.put(d.name(), d));
        this.http = http;
        this.tokens = new OAuthTokens(http, clock);
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom().clock(clock)
                .failureRateThreshold(options.failureRatePercent()).slidingWindowSize(options.window())
                .minimumNumberOfCalls(options.minimumRuns()).waitDurationInOpenState(options.openFor()).build());
    }

    /**
     * Does before the first caller the work that made a service's first run slow: renders each action's request
     * (Mustache templates, with no inputs), fetches the OAuth token of each client-credentials action (the request
     * the first run would make anyway; the HTTP client's classes, selector thread and a pooled connection come with
     * it) and reads each action's JSONPaths from an empty answer (JsonPath's classes and its path cache). Measured on
     * a 2-core machine at load 13-22: cold, the first lookup took 0.5-1.0 s of its flow's 1.5 s budget (and ran out
     * in CI); warmed up, 0.1-0.6 s. Sends no lookup and records nothing in the circuit breakers.
     *
     * @return completes when the tokens are fetched or have failed (at most {@link #WARM_UP_TIMEOUT}), never
     *         exceptionally: a token that could not be fetched is fetched by the first run, as without warming up
     */
    public CompletableFuture<Void> warmUp() {
        List<CompletableFuture<?>> fetches = new ArrayList<>();
        for (DataActionDefinition action : definitions.values()) {
            breakers.circuitBreaker(action.name());
            try {
                ResponseMapping.warmUp(action);
                fetches.add(request(action, Map.of(), WARM_UP_TIMEOUT).exceptionally(e -> null));
            } catch (RuntimeException e) {
                // e.g. a URL that is only valid with inputs: the first run does this work, as without warming up
            }
        }
        return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new));
    }

    public boolean knows(String name) {
        return definitions.containsKey(name);
    }

    public CircuitBreaker.State circuit(String name) {
        return breakers.circuitBreaker(name).getState();
    }

    /**
     * Runs {@code name} with {@code inputs} (already rendered by the flow) within {@code budget}.
     *
     * @throws IllegalArgumentException for an action that is not configured
     */
    public DataActionResult run(String name, Map<String, ?> inputs, Duration budget) {
        DataActionDefinition action = definitions.get(name);
        if (action == null) {
            throw new IllegalArgumentException("no data action named '" + name + "'");
        }
        for (var p : action.inputPatterns().entrySet()) {
            Object v = inputs.get(p.getKey());
            if (v == null || !p.getValue().matcher(v.toString()).matches()) {
                return new Failure(Reason.BAD_INPUT, "input '" + p.getKey() + "' must match " + p.getValue());
            }
        }
        CircuitBreaker breaker = breakers.circuitBreaker(name);
        if (!breaker.tryAcquirePermission()) {
            return new Failure(Reason.CIRCUIT_OPEN, "'" + name + "' failed too often lately; not asked");
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> answer = request(action, inputs, budget)
                .thenCompose(r -> http.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        DataActionResult result;
        Throwable error = null;
        try {
            result = outcome(action, answer.get(budget.toNanos(), TimeUnit.NANOSECONDS), inputs);
        } catch (TimeoutException e) {
            answer.cancel(true);
            error = e;
            result = new Failure(Reason.TIMEOUT, "no answer within " + budget.toMillis() + " ms");
        } catch (ExecutionException e) {
            error = e.getCause();
            // the request's own timeout (the same budget) may fire before the wait above gives up
            Reason reason = switch (e.getCause()) {
                case HttpTimeoutException t -> Reason.TIMEOUT;
                case OAuthTokens.TokenException t -> Reason.HTTP_STATUS;
                default -> Reason.BAD_RESPONSE;
            };
            result = new Failure(reason, reason == Reason.TIMEOUT ? "no answer within " + budget.toMillis() + " ms"
                    : String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            error = e;
            result = new Failure(Reason.TIMEOUT, "interrupted");
        }
        long took = System.nanoTime() - start;
        if (error == null && result instanceof Failure f) {
            error = new IllegalStateException(f.detail());
        }
        if (error == null) {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(took, TimeUnit.NANOSECONDS, error);
        }
        return result;
    }

    private DataActionResult outcome(DataActionDefinition action, HttpResponse<String> r, Map<String, ?> inputs) {
        if (r.statusCode() == 404) {
            return new DataActionResult.NotFound("the service answered 404");
        }
        if (r.statusCode() == 401 && action.auth() instanceof Auth.ClientCredentials cc) {
            tokens.invalidate(cc);
        }
        if (r.statusCode() / 100 != 2) {
            return new Failure(Reason.HTTP_STATUS, "the service answered " + r.statusCode());
        }
        try {
            return ResponseMapping.map(action, r.body(), inputs);
        } catch (InvalidJsonException e) {
            return new Failure(Reason.BAD_RESPONSE, "the answer is not JSON");
        }
    }

    private CompletableFuture<HttpRequest> request(DataActionDefinition action, Map<String, ?> inputs, Duration budget) {
        DataActionDefinition.Request spec = action.request();
        StringJoiner query = new StringJoiner("&");
        spec.query().forEach((k, v) -> query.add(form(k) + "=" + form(FlowTemplates.render(v, inputs))));
        String url = FlowTemplates.render(Escape.URL, spec.url(), inputs) + (query.length() == 0 ? "" : "?" + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(budget).header("Accept", "application/json");
        spec.headers().forEach((k, v) -> b.header(k, FlowTemplates.render(v, inputs)));
        if (spec.body() == null) {
            b.method(spec.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(spec.method(), HttpRequest.BodyPublishers.ofString(FlowTemplates.render(Escape.JSON, spec.body(), inputs)));
        }
        return switch (action.auth()) {
            case Auth.None n -> CompletableFuture.completedFuture(b.build());
            case Auth.Basic basic -> CompletableFuture.completedFuture(b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((basic.user() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8))).build());
            case Auth.Bearer bearer -> CompletableFuture.completedFuture(b.header("Authorization", "Bearer " + bearer.token()).build());
            case Auth.ClientCredentials cc -> tokens.token(cc, budget).thenApply(t -> b.header("Authorization", "Bearer " + t).build());
        };
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
