package org.opendialer.ivr.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth2 client-credentials tokens (RFC 6749 section 4.4), one per token URL, client and scope, reused until a
 * margin before {@code expires_in} runs out (a tenth of the lifetime, at most 30 s). Concurrent callers share one
 * fetch; a failed fetch is not kept, and a token the service refused (401) is dropped with {@link #invalidate}.
 */
final class OAuthTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lifetime assumed when the token response has no {@code expires_in}. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private record Key(String tokenUrl, String clientId, String scope) {
    }

    private record Token(String value, Instant refreshAt) {
    }

    private final HttpClient http;
    private final Clock clock;
    private final ConcurrentHashMap<Key, CompletableFuture<Token>> tokens = new ConcurrentHashMap<>();

    OAuthTokens(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    CompletableFuture<String> token(DataActionDefinition.Auth.ClientCredentials cc, Duration timeout) {
        return tokens.compute(key(cc), (k, current) -> usable(current) ? current : fetch(cc, timeout))
                .thenApply(Token::value);
    }

    void invalidate(DataActionDefinition.Auth.ClientCredentials cc) {
        tokens.remove(key(cc));
    }

    private boolean usable(CompletableFuture<Token> f) {
        if (f == null || f.isCompletedExceptionally() || f.isCancelled()) {
            return false;
        }
        return !f.isDone() || f.join().refreshAt().isAfter(clock.instant());
    }

    private CompletableFuture<Token> fetch(DataActionDefinition.Auth.ClientCredentials cc, Duration timeout) {
        String basic = Base64.getEncoder().encodeToString((form(cc.clientId()) + ":" + form(cc.clientSecret()))
                .getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials" + (cc.scope() == null || cc.scope().isBlank() ? "" : "&scope=" + form(cc.scope()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(cc.tokenUrl())).timeout(timeout)
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Instant asked = clock.instant();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != 200) {
                throw new TokenException("token endpoint answered " + r.statusCode());
            }
            JsonNode json;
            try {
                json = JSON.readTree(r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!json.path("access_token").isTextual()) {
                throw new TokenException("token response has no access_token");
            }
            Duration lifetime = json.has("expires_in") ? Duration.ofSeconds(json.get("expires_in").asLong()) : DEFAULT_LIFETIME;
            Duration margin = lifetime.dividedBy(10).compareTo(Duration.ofSeconds(30)) < 0 ? lifetime.dividedBy(10)
                    : Duration.ofSeconds(30);
            return new Token(json.get("access_token").asText(), asked.plus(lifetime).minus(margin));
        });
    }

    private static Key key(DataActionDefinition.Auth.ClientCredentials cc) {
        return new Key(cc.tokenUrl(), cc.clientId(), cc.scope());
    }

    /** RFC 6749 section 2.3.1: id and secret are form-encoded before they go into Basic. */
    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static final class TokenException extends RuntimeException {
        TokenException(String message) {
            super(message);
        }
    }
}
