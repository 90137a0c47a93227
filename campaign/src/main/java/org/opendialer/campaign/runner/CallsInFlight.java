package org.opendialer.campaign.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The calls this node has placed and not yet ended, apart from the tick that decides how many to place: the tick
 * asks how many of a campaign's calls still need an agent (ringing, analysed, queued) and how many are in flight;
 * a call's end, on whatever thread settles it, leaves the set before its outcome is reported, so a tick never counts
 * a call whose outcome the pacer already has. At close every call is hung up and waited for within a grace period.
 */
final class CallsInFlight {

    private final Set<AgentlessCall> live = ConcurrentHashMap.newKeySet();

    /**
     * Starts {@code call} and reports its outcome (null when it failed) to {@code ended}, after the call has left the
     * set.
     */
    void start(AgentlessCall call, Consumer<Outcome> ended) {
        live.add(call);
        call.done().whenComplete((o, e) -> {
            live.remove(call);
            ended.accept(o);
        });
        call.start();
    }

    /** The campaign's calls still waiting for an agent: time since each was placed. */
    List<Duration> ringing(UUID campaignId, Instant now) {
        return live.stream().filter(x -> x.campaign().id().equals(campaignId)).flatMap(x -> x.ringing(now).stream())
                .toList();
    }

    /** The campaign's calls in flight, whatever their step. */
    int of(UUID campaignId) {
        return (int) live.stream().filter(x -> x.campaign().id().equals(campaignId)).count();
    }

    int size() {
        return live.size();
    }

    /** Hangs up every call and waits up to {@code grace} for their results; false if some did not end in time. */
    boolean hangUpAll(Duration grace) {
        List<CompletableFuture<Outcome>> pending = live.stream().map(AgentlessCall::done).toList();
        live.forEach(AgentlessCall::shutdown);
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
