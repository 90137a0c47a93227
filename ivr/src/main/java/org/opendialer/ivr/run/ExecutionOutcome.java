package org.opendialer.ivr.run;

import java.util.Arrays;

/**
 * How a flow execution ended; {@link #RUNNING} until it does. The slug is what the trace table and the API hold.
 * The one transition, RUNNING to an end, is made once: the trace's update only matches a running row.
 */
public enum ExecutionOutcome {
    RUNNING("running"),
    /** A hang-up node ended the call. */
    HUNG_UP("hungUp"),
    /** Handed to an ACD queue: the ACD owns the call. */
    QUEUED("queued"),
    /** Blind-transferred to a number that answered. */
    TRANSFERRED("transferred"),
    /** The queue overflowed to another flow, which runs next as its own execution. */
    OVERFLOWED("overflowed"),
    /** The caller hung up before the flow ended. */
    CALLER_HUNG_UP("callerHungUp"),
    /** A branch the document left out was reached (e.g. a transfer failed without a failure branch): hung up. */
    ENDED("ended"),
    /** A node failed unexpectedly: logged, and the call hung up with cause 41. */
    ERROR("error");

    private final String slug;

    ExecutionOutcome(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public static ExecutionOutcome ofSlug(String slug) {
        return Arrays.stream(values()).filter(o -> o.slug.equals(slug)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no execution outcome " + slug));
    }
}
