package org.opendialer.campaign.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.opendialer.campaign.consent.Addresses;
import org.opendialer.campaign.consent.ConsentLedger;
import org.opendialer.campaign.consent.ContactChannel;
import org.opendialer.campaign.messaging.Templates;
import org.opendialer.campaign.webhooks.WebhookOutbox;
import org.opendialer.media.MediaServer;
import org.opendialer.sip.CallControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agentless voice notifications (POST /api/v2/calls): checks the do-not-call list, stores the call, and runs it
 * as a {@link VoiceCall} as soon as the trunks have a free channel. Calls beyond the trunks' capacity wait in a
 * FIFO queue (state QUEUED) instead of failing; the SIP layer paces INVITEs to each trunk's calls per second.
 */
public final class VoiceNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceNotifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The call placed (or found by its idempotency key: {@code created} false). */
    public record Placed(UUID id, boolean created) { }

    private final CallControl calls;
    private final MediaServer media;
    private final CallStore store;
    private final ConsentLedger ledger;
    private final Addresses addresses;
    private final ToIntFunction<String> capacity;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CallWebhooks webhooks;
    private final Map<UUID, VoiceCall> live = new ConcurrentHashMap<>();
    private final Deque<VoiceCall> waiting = new ArrayDeque<>();
    private final Map<String, Integer> running = new java.util.HashMap<>();

    /**
     * @param defaultRegion region for numbers written without a country code
     * @param capacity      concurrent calls the trunks of a group can carry (sum of channels; "" = all trunks)
     * @param webhooks      where the calls' webhook events go
     */
    public VoiceNotifications(CallControl calls, MediaServer media, DataSource dataSource, ConsentLedger ledger,
                              String defaultRegion, ToIntFunction<String> capacity, WebhookOutbox webhooks) {
        this.calls = calls;
        this.media = media;
        this.store = new CallStore(dataSource);
        this.ledger = ledger;
        this.addresses = new Addresses(defaultRegion);
        this.capacity = capacity;
        this.webhooks = new CallWebhooks(webhooks);
    }

    /**
     * Places a call, or returns the one already placed under the same client and idempotency key.
     *
     * @throws IllegalArgumentException when the number is not a phone number
     * @throws DoNotCallException when the number is on the do-not-call list (nothing is stored or dialled)
     */
    public Placed place(String clientId, String idempotencyKey, CallRequest request) {
        String number = addresses.require(ContactChannel.PHONE, request.to());
        webhooks.check(request);
        if (ledger.isBlocked(ContactChannel.PHONE, number)) {
            throw new DoNotCallException(number);
        }
        UUID id = UUID.randomUUID();
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? id.toString() : idempotencyKey;
        CallStore.Created created = store.insert(id, clientId, key, number, request.from(), json(request),
                Instant.now());
        if (!created.isNew()) {
            return new Placed(created.id(), false);
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

    public Optional<CallRecord> get(UUID id) {
        return store.find(id);
    }

    public List<CallRecord> list(CallState state, String to, int limit, int offset) {
        String number = to == null ? null : addresses.canonical(ContactChannel.PHONE, to).orElse(to);
        return store.list(state, number, limit, offset);
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
        List<VoiceCall> start = new java.util.ArrayList<>();
        synchronized (waiting) {
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

    CallControl calls() {
        return calls;
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

    CallWebhooks webhooks() {
        return webhooks;
    }

    ExecutorService executor() {
        return executor;
    }

    private static String json(CallRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", r.to());
        m.put("from", r.from());
        m.put("trunkGroup", r.trunkGroup());
        m.put("ringTimeoutSeconds", r.ringTimeout().toSeconds());
        m.put("amd", r.amd().name());
        m.put("humanText", r.humanText());
        m.put("machineText", r.machineText());
        m.put("variables", r.variables());
        m.put("repeats", r.repeats());
        m.put("keyTimeoutSeconds", r.keyTimeout().toSeconds());
        m.put("webhookUrl", r.webhookUrl());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hangs up every live call and stops the workers. */
    @Override
    public void close() {
        live.values().forEach(VoiceCall::hangup);
        executor.shutdown();
        LOG.info("voice notifications stopped ({} call(s) were live)", live.size());
    }
}
