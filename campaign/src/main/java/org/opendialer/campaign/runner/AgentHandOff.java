package org.opendialer.campaign.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.opendialer.acd.calls.QueueCalls;
import org.opendialer.acd.calls.QueueOutcome;
import org.opendialer.acd.calls.QueueRequest;
import org.opendialer.call.CallSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a campaign's live answer to the agents of its ACD queue, or declares it abandoned. The FCC's rule: a person
 * with no agent within 2 s of the greeting's end hears the safe-harbour message within those 2 s. So a call with
 * no free agent is abandoned at once, and one an agent has not answered within {@link #CONNECT_WITHIN} is taken
 * back out of the queue: the message (TTS, started by the caller of this class) still begins before 2 s pass.
 */
final class AgentHandOff {

    private static final Logger LOG = LoggerFactory.getLogger(AgentHandOff.class);
    /** The grace given to the agent's phone; the rest of the 2 s is for withdrawing and starting the message. */
    static final Duration CONNECT_WITHIN = Duration.ofMillis(1500);

    /** A preview's agent chose the record and waits for it: its phone gets this long before the call is dropped. */
    static final Duration PREVIEW_CONNECT_WITHIN = Duration.ofSeconds(30);

    /** How the hand-off ended. */
    sealed interface Result {
        /** An agent's phone answered and is bridged to the customer. */
        record Connected(UUID agentId, UUID interactionId, Instant at) implements Result { }

        /** No agent in time: the customer is still on the line, for the safe-harbour message. */
        record Abandoned(String why) implements Result { }
    }

    private AgentHandOff() {
    }

    /**
     * A preview's answer: offered to {@code agentId} alone (it previewed the record and is waiting), connected, or
     * given up after {@link #PREVIEW_CONNECT_WITHIN} (the agent's phone did not answer).
     */
    static CompletableFuture<Result> forAgent(QueueCalls queues, CallSession customer, UUID queueId, UUID campaignId,
                                              int priority, String number, String callerId, Map<String, String> contact, UUID agentId,
                                              java.time.Clock clock) {
        QueueRequest request = new QueueRequest(queueId.toString(), null, priority, null, contact);
        return settle(queues.enqueueForAgent(customer, request, campaignId, number, callerId, agentId), queues, customer,
                campaignId, PREVIEW_CONNECT_WITHIN, clock);
    }

    /**
     * Queues {@code customer} (direction outbound, the campaign, the contact's columns as participant data) unless
     * {@code agentFree} is false; completes with the first of: connected, the grace ran out (withdrawn), the queue
     * gave up. {@code priority}: the campaign's, made the interaction's ACD priority (higher is offered first), so
     * campaigns sharing a queue reach its agents in their order, as their reservations assume.
     */
    static CompletableFuture<Result> start(QueueCalls queues, CallSession customer, UUID queueId, UUID campaignId,
                                           int priority, String number, String callerId, Map<String, String> contact,
                                           boolean agentFree, java.time.Clock clock) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        if (!agentFree) {
            result.complete(new Result.Abandoned("no agent free"));
            return result;
        }
        QueueRequest request = new QueueRequest(queueId.toString(), null, priority, null, contact);
        return settle(queues.enqueueOutbound(customer, request, campaignId, number, callerId), queues, customer, campaignId,
                CONNECT_WITHIN, clock);
    }

    /** Completes with the first of: connected, {@code within} ran out (withdrawn), the queue gave up. */
    private static CompletableFuture<Result> settle(CompletionStage<QueueOutcome> queued, QueueCalls queues,
                                                    CallSession customer, UUID campaignId, Duration within,
                                                    java.time.Clock clock) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        queued.whenComplete((o, e) -> {
            if (o instanceof QueueOutcome.Connected c) {
                result.complete(new Result.Connected(c.agentId(), c.interactionId(), clock.instant()));
            } else {
                result.complete(new Result.Abandoned(e != null ? e.toString() : String.valueOf(o)));
            }
        });
        CompletableFuture.delayedExecutor(within.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!result.isDone()) {
                queues.withdraw(customer).whenComplete((withdrawn, e) -> {
                    if (Boolean.TRUE.equals(withdrawn)) {
                        LOG.info("campaign {}: {} withdrawn, no agent within {} ms", campaignId, customer.callId(),
                                within.toMillis());
                        result.complete(new Result.Abandoned("no agent within " + within.toMillis() + " ms"));
                    }
                });
            }
        });
        return result;
    }
}
