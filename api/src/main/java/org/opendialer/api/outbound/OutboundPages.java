package org.opendialer.api.outbound;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.opendialer.contacts.Slice;

/**
 * The page envelope of the outbound list operations: {@code {entities, pageSize, pageNumber, total, pageCount,
 * selfUri, nextUri, previousUri}}, asked for with {@code pageSize} (default 25, at most 500; the contract refuses
 * more) and the 1-based {@code pageNumber}. Same rules as the API-wide listing being introduced in parallel
 * (URIs relative, other query parameters kept, null at the ends), kept apart until the two are folded together.
 */
final class OutboundPages {

    static final int DEFAULT_SIZE = 25;

    private OutboundPages() {
    }

    static int pageSize(RoutingContext rc) {
        return intQuery(rc, "pageSize", DEFAULT_SIZE);
    }

    static int pageNumber(RoutingContext rc) {
        return intQuery(rc, "pageNumber", 1);
    }

    static int intQuery(RoutingContext rc, String name, int absent) {
        ValidatedRequest v = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        RequestParameter p = v.getQuery().get(name);
        return p == null || p.isNull() ? absent : p.getInteger();
    }

    static <T> void send(RoutingContext rc, Slice<T> slice, Function<T, JsonObject> json) {
        JsonArray entities = new JsonArray();
        slice.items().forEach(i -> entities.add(json.apply(i)));
        OutboundReplies.json(rc, 200, envelope(rc.request().path(), rc.queryParams(), slice, entities));
    }

    static JsonObject envelope(String path, MultiMap query, Slice<?> slice, JsonArray entities) {
        int size = slice.pageSize();
        int n = slice.pageNumber();
        long pageCount = (slice.total() + size - 1) / size;
        return new JsonObject().put("entities", entities).put("pageSize", size).put("pageNumber", n)
                .put("total", slice.total()).put("pageCount", pageCount)
                .put("selfUri", uri(path, query, size, n))
                .put("nextUri", n < pageCount ? uri(path, query, size, n + 1) : null)
                .put("previousUri", n > 1 ? uri(path, query, size, (int) Math.min(n - 1, Math.max(pageCount, 1))) : null);
    }

    private static String uri(String path, MultiMap query, int pageSize, int pageNumber) {
        StringBuilder b = new StringBuilder(path).append("?pageSize=").append(pageSize).append("&pageNumber=").append(pageNumber);
        for (Map.Entry<String, String> e : query) {
            if (!e.getKey().equals("pageSize") && !e.getKey().equals("pageNumber")) {
                b.append('&').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }
}
