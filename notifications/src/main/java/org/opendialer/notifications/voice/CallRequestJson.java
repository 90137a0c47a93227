package org.opendialer.notifications.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link CallRequest} as the calls table keeps it: the stored JSON (what the call was asked to do, for the API
 * and for ending it after a crash) and the hash an idempotency key is checked against. A field added later is
 * written only when it differs from its default, so requests made before it existed store and hash as they did.
 */
final class CallRequestJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Sorted keys: the same request always hashes the same, whatever the order of its maps. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CallRequestJson() {
    }

    /** The request as stored (no webhook secret, no AMD overrides). */
    static String stored(CallRequest r) {
        try {
            return JSON.writeValueAsString(fields(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> fields(CallRequest r) {
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
        // only when given: a request without them stores and hashes as before they existed
        if (!r.keys().isEmpty()) {
            Map<String, Object> keys = new LinkedHashMap<>();
            r.keys().forEach((k, a) -> keys.put(k, Map.of("action", a.kind().json(), "goodbye", a.goodbye(),
                    "to", a.to())));
            m.put("keys", keys);
        }
        if (!r.toneCountry().equals("US")) {
            m.put("toneCountry", r.toneCountry());
        }
        if (!r.language().isEmpty()) {
            m.put("language", r.language());
        }
        if (r.amdUnknown() != AmdUnknownAction.AS_PERSON) {
            m.put("amdUnknownAction", r.amdUnknown().name());
        }
        return m;
    }

    /** SHA-256 of everything the request asks for, secret included, with map entries in key order. */
    static String hash(CallRequest r) {
        Map<String, Object> m = fields(r);
        m.put("amdParameters", r.amdOverrides());
        m.put("webhookSecret", r.webhookSecret());
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(m);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
