package org.opendialer.notifications.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.call.CallSessions;
import org.opendialer.media.MediaServer;
import org.opendialer.notifications.messaging.AgentlessMessages.IdempotencyConflict;
import org.opendialer.notifications.messaging.Templates;
import org.opendialer.sip.CallControl;
import org.opendialer.webhooks.WebhookOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agentless voice notifications (POST /api/v2/calls): checks the do-not-call list, stores the call, and runs it
 * as a {@link VoiceCall} as soon as the trunks have a free channel. Calls beyond the trunks' capacity wait in a
 * FIFO queue (state QUEUED) instead of failing; the SIP layer paces INVITEs to each trunk's calls per second.
 *
 * <p>Across stops: {@link #start} first ends this node's calls left unfinished by a crash (FAILED, outcome
 * INTERRUPTED, one webhook each), and from then on those of any other node on the database that died.
 * {@link #close} (SIGTERM) ends every call it holds before SIP, media and the database stop: queued calls FAILED
 * without dialling (they are not carried over a restart), live calls hung up through SIP (CANCEL or BYE), waiting a
 * bounded time for each to record its end (its webhook events wait in the outbox).
 */
public final class VoiceNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceNotifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a stopping node waits for its hung-up calls to end (a CANCEL needs a provisional response first). */
    static final Duration STOP_WAIT = Duration.ofSeconds(3);
    /** How often a node looks for the unfinished calls of nodes that died. */
    static final Duration SWEEP = Duration.ofSeconds(10);

    /** The call placed (or found by its idempotency key: {@code created} false). */
    public record Placed(UUID id, boolean created) { }

    private final CallSessions sessions;
    private final MediaServer media;
    private final CallStore store;
    private final ConsentLedger ledger;
    private final Addresses addresses;
    private final ToIntFunction<String> capacity;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CallWebhooks webhooks;
    private final CallMetrics metrics = new CallMetrics();
    private final Map<UUID, VoiceCall> live = new ConcurrentHashMap<>();
    private final Deque<VoiceCall> waiting = new ArrayDeque<>();
    private final Map<String, Integer> running = new java.util.HashMap<>();
    private final String nodeId;
    private final CallOwners owners;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dead-node-calls").daemon().factory());
    private volatile boolean stopping;

    private VoiceNotifications(CallControl calls, MediaServer media, DataSource dataSource, ConsentLedger ledger,
                               CallsConfig config, ToIntFunction<String> capacity, WebhookOutbox outbox,
                               CallOwners owners) {
        this.owners = owners;
        this.webhooks = new CallWebhooks(outbox);
        this.media = media;
        // timeline times stay the wall clock's (stored as such); sessions run on this service's virtual threads
        this.sessions = new CallSessions(calls, media, java.time.Clock.systemUTC(), executor);
        this.store = new CallStore(dataSource);
        this.ledger = ledger;
        this.addresses = new Addresses(config.defaultRegion());
        this.nodeId = config.nodeId();
        this.capacity = capacity;
    }

    /**
     * Takes this node's id (refused while a running node on the database holds it), ends the calls it left
     * unfinished when it was killed, then takes calls; from then on, every {@link #SWEEP}, ends the unfinished calls
     * of other nodes that are gone (see {@link CallOwners}).
     *
     * @param capacity concurrent calls the trunks of a group can carry (sum of channels; "" = all trunks; 0 = no
     *                 such trunk)
     * @param webhooks where the calls' webhook events go
     */
    public static VoiceNotifications start(CallControl calls, MediaServer media, DataSource dataSource,
                                           ConsentLedger ledger, CallsConfig config, ToIntFunction<String> capacity,
                                           WebhookOutbox webhooks) {
        CallOwners owners = CallOwners.acquire(dataSource, config.nodeId());
        VoiceNotifications service;
        try {
            service = new VoiceNotifications(calls, media, dataSource, ledger, config, capacity, webhooks, owners);
            service.endInterrupted(config.nodeId());
        } catch (RuntimeException e) {
            owners.close();
            throw e;
        }
        service.sweeper.scheduleWithFixedDelay(service::endDeadNodesCalls, 0, SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        return service;
    }

    private void endDeadNodesCalls() {
        try {
            owners.endDeadOwners(this::endInterrupted);
        } catch (RuntimeException e) {
            LOG.warn("ending the calls of stopped nodes failed (tried again in {} s): {}", SWEEP.toSeconds(), e.toString());
        }
    }

    /** Ends (FAILED, INTERRUPTED) the unfinished calls of {@code owner}, a node that stopped without ending them. */
    private void endInterrupted(String owner) {
        List<CallStore.Interrupted> ended = store.endInterrupted(owner, Instant.now());
        for (CallStore.Interrupted i : ended) {
            String url;
            try {
                url = JSON.readTree(i.requestJson()).path("webhookUrl").asText("");
            } catch (JsonProcessingException e) {
                url = "";
            }
            webhooks.changed(i.id(), url, i.webhookSecret(), "interrupted", CallStore.interruptedDetail(i.was()));
        }
        if (!ended.isEmpty()) {
            LOG.warn("{} call(s) of node {} were left unfinished by an earlier stop; they are now failed (INTERRUPTED)",
                    ended.size(), owner);
        }
    }

    /**
     * Places a call, or returns the one already placed under the same client and idempotency key (checked first, so
     * a retry still gets its call after the callee pressed 9).
     *
     * @throws IllegalArgumentException when the number is not a phone number
     * @throws IdempotencyConflict when the key was used for a different request
     * @throws DoNotCallException when the number is on the do-not-call list (nothing is stored or dialled)
     * @throws NoTrunkException when no trunk serves the call's trunk group (nothing is stored or dialled)
     */
    public Placed place(String clientId, String idempotencyKey, CallRequest request) {
        String number = addresses.require(ContactChannel.PHONE, request.to());
        String hash = CallRequestJson.hash(request);
        boolean keyed = idempotencyKey != null && !idempotencyKey.isBlank();
        if (keyed) {
            Optional<CallStore.Keyed> first = store.findByKey(clientId, idempotencyKey);
            if (first.isPresent()) {
                return replay(first.get(), idempotencyKey, hash);
            }
        }
        webhooks.check(request);
        media.checkVoice(request.voice()); // an unknown language is the client's 400, not a silent call
        if (ledger.isBlocked(ContactChannel.PHONE, number)) {
            throw new DoNotCallException(number);
        }
        if (capacity.applyAsInt(request.trunkGroup()) <= 0) {
            throw new NoTrunkException(request.trunkGroup());
        }
        UUID id = UUID.randomUUID();
        CallStore.Created created = store.insert(new CallStore.NewCall(id, clientId,
                keyed ? idempotencyKey : id.toString(), number, request.from(), CallRequestJson.stored(request), hash,
                request.webhookSecret(), nodeId, Instant.now()));
        if (!created.isNew()) { // the same key placed concurrently
            return replay(new CallStore.Keyed(created.id(), created.requestHash()), idempotencyKey, hash);
        }
        VoiceCall call = new VoiceCall(id, number, request, this);
        live.put(id, call);
        store.addEvent(id, 0, Instant.now(), "queued", "accepted for " + number);
        synchronized (waiting) {
            waiting.add(call);
        }
        dispatch();
        return new Placed(id, true);
    }

    /** The first call of a key; a null hash is a call stored before hashes were kept, taken as the same request. */
    private static Placed replay(CallStore.Keyed first, String key, String hash) {
        if (first.requestHash() != null && !first.requestHash().equals(hash)) {
            throw new IdempotencyConflict("the Idempotency-Key '" + key + "' was used for a different call ("
                    + first.id() + ")");
        }
        return new Placed(first.id(), false);
    }

    public Optional<CallRecord> get(UUID id) {
        return store.find(id);
    }

    /** Newest first; {@code state} and {@code to} (any format) filter when not null. */
    public List<CallRecord> list(CallState state, String to, int limit, long offset) {
        return store.list(state, number(to), limit, offset);
    }

    public long count(CallState state, String to) {
        return store.count(state, number(to));
    }

    private String number(String to) {
        return to == null ? null : addresses.canonical(ContactChannel.PHONE, to).orElse(to);
    }

    /** Hangs up (or unqueues) a live call; false when the call is unknown or already over. */
    public boolean hangup(UUID id) {
        VoiceCall call = live.get(id);
        if (call == null) {
            return false;
        }
        synchronized (waiting) {
            if (waiting.remove(call)) {
                running.merge(call.group(), 1, Integer::sum); // finished() will take it back off
            }
        }
        call.hangup();
        return true;
    }

    /** Calls not yet finished: queued plus in progress. */
    public int liveCalls() {
        return live.size();
    }

    /** Starts waiting calls, oldest first, whose trunk group has a free channel; others keep their place. */
    private void dispatch() {
        List<VoiceCall> start = new ArrayList<>();
        synchronized (waiting) {
            if (stopping) {
                return;
            }
            for (var it = waiting.iterator(); it.hasNext(); ) {
                VoiceCall next = it.next();
                int busy = running.getOrDefault(next.group(), 0);
                if (busy < Math.max(1, capacity.applyAsInt(next.group()))) {
                    it.remove();
                    running.put(next.group(), busy + 1);
                    start.add(next);
                }
            }
        }
        start.forEach(VoiceCall::start);
    }

    void finished(VoiceCall call) {
        live.remove(call.id());
        synchronized (waiting) {
            running.merge(call.group(), -1, Integer::sum);
        }
        dispatch();
    }

    String render(String template, Map<String, String> variables) {
        return Templates.text(template, variables);
    }

    MediaServer media() {
        return media;
    }

    CallStore store() {
        return store;
    }

    ConsentLedger ledger() {
        return ledger;
    }

    /**
     * The node's call sessions: flows, the ACD and campaigns place and take calls through this one instance, so a
     * call id names one live session on the node whichever part made it.
     */
    public CallSessions sessions() {
        return sessions;
    }

    /** Calls and AMD counters; bind them to the server's registry. */
    public CallMetrics metrics() {
        return metrics;
    }

    CallWebhooks webhooks() {
        return webhooks;
    }

    ExecutorService executor() {
        return executor;
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * Ends every call before the node's SIP, media and database stop: queued calls FAILED without dialling, live
     * ones hung up through SIP; waits up to {@link #STOP_WAIT} for them to record their end, ends the stragglers
     * (no answer to the hang-up) itself. Their webhook events are already in the outbox, which the next start delivers
     * if this one cannot.
     */
    @Override
    public void close() {
        long t0 = System.nanoTime();
        sweeper.shutdownNow();
        List<VoiceCall> queued;
        synchronized (waiting) {
            stopping = true;
            queued = new ArrayList<>(waiting);
            waiting.clear();
            queued.forEach(c -> running.merge(c.group(), 1, Integer::sum)); // finished() takes it back off
        }
        List<VoiceCall> all = List.copyOf(live.values());
        all.forEach(VoiceCall::shutdown);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        List<VoiceCall> stragglers = all.stream().filter(c -> !awaitEnd(c, deadline)).toList();
        stragglers.forEach(VoiceCall::forceEnd);
        long grace = System.nanoTime() + STOP_WAIT.toNanos() / 3;
        long unfinished = stragglers.stream().filter(c -> !awaitEnd(c, grace)).count();
        executor.shutdown();
        owners.close(); // only now may other nodes take what is left for this node's calls
        LOG.info("voice notifications stopped in {} ms: {} call(s) ended ({} queued, {} without an answer to the"
                + " hang-up{})", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), all.size(), queued.size(),
                stragglers.size(), unfinished == 0 ? "" : ", " + unfinished + " left to end at the next start or by"
                        + " another node");
    }

    private static boolean awaitEnd(VoiceCall call, long deadlineNanos) {
        try {
            call.ended().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
