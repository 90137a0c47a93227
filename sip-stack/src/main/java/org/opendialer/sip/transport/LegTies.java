package org.opendialer.sip.transport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.OriginateRequest;
import org.opendialer.sip.Q850;

/**
 * Which legs' lifetimes are tied (B2BUA bridging): bridge, unbridge and blind transfer set each leg's
 * {@code bridgedTo} on that leg's own executor, so a hang-up of one takes its partner along (or no longer does).
 */
final class LegTies {

    private final BiConsumer<String, Consumer<Leg>> onLeg;
    private final BiFunction<OriginateRequest, CallListener, String> originate;

    /**
     * @param onLeg     runs an operation on a live leg's executor (ignored for unknown or finished legs)
     * @param originate places a new outbound leg and returns its id
     */
    LegTies(BiConsumer<String, Consumer<Leg>> onLeg, BiFunction<OriginateRequest, CallListener, String> originate) {
        this.onLeg = onLeg;
        this.originate = originate;
    }

    private void onLeg(String callId, Consumer<Leg> op) {
        onLeg.accept(callId, op);
    }

    void bridge(String callIdA, String callIdB) {
        onLeg(callIdA, leg -> leg.bridgedTo = callIdB);
        onLeg(callIdB, leg -> leg.bridgedTo = callIdA);
    }

    void unbridge(String callIdA, String callIdB) {
        untie(callIdA, callIdB);
        untie(callIdB, callIdA);
    }

    private void untie(String callId, String partner) {
        onLeg(callId, leg -> {
            if (partner.equals(leg.bridgedTo)) {
                leg.bridgedTo = null;
            }
        });
    }

    String transfer(String callId, OriginateRequest request, CallListener listener) {
        AtomicReference<String> target = new AtomicReference<>();
        CountDownLatch idKnown = new CountDownLatch(1);
        target.set(originate.apply(request, event -> {
            if (event instanceof CallEvent.Answered) {
                awaitQuietly(idKnown);
                String newLeg = target.get();
                onLeg(callId, customer -> {
                    String previous = customer.bridgedTo;
                    customer.bridgedTo = newLeg;
                    if (previous != null) {
                        onLeg(previous, old -> {
                            old.bridgedTo = null; // its end must not take the transferred customer with it
                            old.hangup(Q850.NORMAL_CLEARING);
                        });
                    }
                });
                onLeg(newLeg, leg -> leg.bridgedTo = callId);
            }
            listener.onEvent(event);
        }));
        idKnown.countDown();
        return target.get();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
