package org.opendialer.contacts;

import java.util.List;

/**
 * One page of a listing and the size of the whole listing, as the API's page envelope needs them.
 *
 * @param pageNumber 1-based
 */
public record Slice<T>(List<T> items, long total, int pageSize, int pageNumber) {
    public Slice {
        items = List.copyOf(items);
    }

    /** Rows to skip for a 1-based page. */
    public static long offset(int pageSize, int pageNumber) {
        return (long) pageSize * (pageNumber - 1);
    }
}
