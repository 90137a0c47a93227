package org.opendialer.acd.routing;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the page's items
 * @param total how many there are in all
 */
public record Page<T>(List<T> items, long total) {

    public Page {
        items = List.copyOf(items);
    }

    /** Rows to skip for a 1-based page number. */
    public static long offset(int pageNumber, int pageSize) {
        return (long) (pageNumber - 1) * pageSize;
    }
}
