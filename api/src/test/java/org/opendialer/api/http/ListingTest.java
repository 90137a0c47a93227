package org.opendialer.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ListingTest {

    static final MultiMap QUERY = MultiMap.caseInsensitiveMultiMap().add("to", "+12015550111").add("pageSize", "2")
            .add("pageNumber", "2");

    @Test
    void middlePageLinksBothWaysAndKeepsTheFilters() {
        JsonObject o = Listing.of("/api/v2/calls", QUERY, new Listing.Page(2, 2), 5, new JsonArray());
        assertThat(o.getInteger("pageCount")).isEqualTo(3);
        assertThat(o.getLong("total")).isEqualTo(5);
        assertThat(o.getString("selfUri")).isEqualTo("/api/v2/calls?pageSize=2&pageNumber=2&to=%2B12015550111");
        assertThat(o.getString("nextUri")).isEqualTo("/api/v2/calls?pageSize=2&pageNumber=3&to=%2B12015550111");
        assertThat(o.getString("previousUri")).isEqualTo("/api/v2/calls?pageSize=2&pageNumber=1&to=%2B12015550111");
    }

    @Test
    void endsHaveNoLinkOutward() {
        JsonObject first = Listing.of("/l", MultiMap.caseInsensitiveMultiMap(), new Listing.Page(25, 1), 3, new JsonArray());
        assertThat(first.getString("nextUri")).isNull();
        assertThat(first.getString("previousUri")).isNull();
        assertThat(first.containsKey("nextUri")).as("present, as null").isTrue();
        JsonObject empty = Listing.of("/l", MultiMap.caseInsensitiveMultiMap(), new Listing.Page(25, 1), 0, new JsonArray());
        assertThat(empty.getInteger("pageCount")).isZero();
        JsonObject past = Listing.of("/l", MultiMap.caseInsensitiveMultiMap(), new Listing.Page(2, 9), 3, new JsonArray());
        assertThat(past.getString("nextUri")).isNull();
        assertThat(past.getString("previousUri")).as("back to the last page").isEqualTo("/l?pageSize=2&pageNumber=2");
    }

    @Test
    void pageBounds() {
        assertThat(new Listing.Page(500, Integer.MAX_VALUE).offset()).isEqualTo(500L * (Integer.MAX_VALUE - 1));
        assertThatThrownBy(() -> new Listing.Page(501, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
