package org.opendialer.ivr.flow;

import java.util.List;

/** One page of a listing: the items and how many there are in all. */
public record Page<T>(List<T> entities, long total) {

    public Page {
        entities = List.copyOf(entities);
    }

    /** Offset of 1-based page {@code number} of {@code size}. */
    public static long offset(int number, int size) {
        return (long) (number - 1) * size;
    }
}
