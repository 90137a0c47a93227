package org.opendialer.api.http;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one answer of every list operation: {@code {entities, pageSize, pageNumber, total, pageCount, selfUri,
 * nextUri, previousUri}}. Pages are asked for with {@code pageSize} (default {@value #DEFAULT_SIZE}, at most
 * {@value #MAX_SIZE}; the contract refuses more with a 400) and the 1-based {@code pageNumber}. The URIs are
 * relative, keep the request's other query parameters, and {@code nextUri}/{@code previousUri} are null at the
 * ends (a page past the last has no next and points back to the page before it).
 */
public final class Listing {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 500;

    private Listing() {
    }

    /** A requested page; {@link #offset()} is a long because pageNumber may be as large as an int allows. */
    public record Page(int pageSize, int pageNumber) {
        public Page {
            if (pageSize < 1 || pageSize > MAX_SIZE || pageNumber < 1) {
                throw new IllegalArgumentException("pageSize: must be 1.." + MAX_SIZE + " and pageNumber at least 1");
            }
        }

        public long offset() {
            return (long) (pageNumber - 1) * pageSize;
        }
    }

    /** A page of items and the number of items on all pages. */
    public record Result<T>(List<T> items, long total) {
    }

    /** The page the validated request asks for (the contract bounds both numbers). */
    public static Page page(RoutingContext rc) {
        ValidatedRequest v = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        return new Page(intQuery(v, "pageSize", DEFAULT_SIZE), intQuery(v, "pageNumber", 1));
    }

    /** Answers 200 with the listing of {@code result}, each item turned to JSON by {@code json}. */
    public static <T> void send(RoutingContext rc, Page page, Result<T> result, Function<T, JsonObject> json) {
        JsonArray entities = new JsonArray();
        result.items().forEach(i -> entities.add(json.apply(i)));
        rc.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(of(rc.request().path(), rc.queryParams(), page, result.total(), entities).encode());
    }

    /** The listing of {@code entities} as an answer to {@code path} with {@code query} (for handlers that send it themselves). */
    public static JsonObject of(String path, MultiMap query, Page page, long total, JsonArray entities) {
        long pageCount = (total + page.pageSize() - 1) / page.pageSize();
        int n = page.pageNumber();
        return new JsonObject().put("entities", entities).put("pageSize", page.pageSize()).put("pageNumber", n)
                .put("total", total).put("pageCount", pageCount)
                .put("selfUri", uri(path, query, page.pageSize(), n))
                .put("nextUri", n < pageCount ? uri(path, query, page.pageSize(), n + 1) : null)
                .put("previousUri", n > 1 ? uri(path, query, page.pageSize(), (int) Math.min(n - 1, Math.max(pageCount, 1))) : null);
    }

    private static String uri(String path, MultiMap query, int pageSize, int pageNumber) {
        StringBuilder b = new StringBuilder(path).append("?pageSize=").append(pageSize).append("&pageNumber=").append(pageNumber);
        for (Map.Entry<String, String> e : query) {
            if (!e.getKey().equals("pageSize") && !e.getKey().equals("pageNumber")) {
                b.append('&').append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            }
        }
        return b.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An absent optional parameter arrives as a null-valued parameter, not as a missing one. */
    private static int intQuery(ValidatedRequest v, String name, int absent) {
        var p = v.getQuery().get(name);
        return p == null || p.isNull() ? absent : p.getInteger();
    }
}
