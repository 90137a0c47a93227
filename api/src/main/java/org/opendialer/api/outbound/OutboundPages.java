package org.opendialer.api.outbound;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.opendialer.api.http.Listing;
import org.opendialer.contacts.Slice;

/** The outbound list operations answer with the API's one {@link Listing}; the stores page into a {@link Slice}. */
final class OutboundPages {

    private OutboundPages() {
    }

    static int pageSize(RoutingContext rc) {
        return Listing.page(rc).pageSize();
    }

    static int pageNumber(RoutingContext rc) {
        return Listing.page(rc).pageNumber();
    }

    static <T> void send(RoutingContext rc, Slice<T> slice, Function<T, JsonObject> json) {
        Listing.send(rc, new Listing.Page(slice.pageSize(), slice.pageNumber()),
                new Listing.Result<>(slice.items(), slice.total()), json);
    }
}
