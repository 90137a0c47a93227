package org.opendialer.notifications.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdEvidence;

/** The AMD decision as stored on a call and returned by the API: result, confidence, time and evidence. */
public final class AmdJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AmdJson() { }

    public static String of(AmdEvent.Decision d) {
        return write(tree(d));
    }

    /**
     * The decision of async AMD (the person's message played while it listened): {@code async: true} and, when the
     * decision cut the message, {@code messageCutMs}, how far into it.
     */
    public static String async(AmdEvent.Decision d, Long messageCutMs) {
        return async(d, messageCutMs, null);
    }

    /** As {@link #async(AmdEvent.Decision, Long)}; {@code messageEndedMs}: the message ended before the decision. */
    public static String async(AmdEvent.Decision d, Long messageCutMs, Long messageEndedMs) {
        ObjectNode o = tree(d).put("async", true);
        if (messageCutMs != null) {
            o.put("messageCutMs", messageCutMs);
        }
        if (messageEndedMs != null) {
            o.put("messageEndedMs", messageEndedMs);
        }
        return write(o);
    }

    private static ObjectNode tree(AmdEvent.Decision d) {
        AmdEvidence e = d.evidence();
        ObjectNode o = JSON.createObjectNode().put("result", d.result().name()).put("confidence", d.confidence())
                .put("decisionMs", d.decisionMs());
        ObjectNode ev = o.putObject("evidence").put("initialSilenceMs", e.initialSilenceMs())
                .put("greetingMs", e.greetingMs()).put("utterances", e.utterances())
                .put("longestUtteranceMs", e.longestUtteranceMs())
                .put("silenceAfterGreetingMs", e.silenceAfterGreetingMs())
                .put("voicedFraction", e.voicedFraction()).put("reason", e.reason());
        if (Double.isFinite(e.speechLevelDbfs())) {
            ev.put("speechLevelDbfs", e.speechLevelDbfs());
        }
        if (Double.isFinite(e.noiseFloorDbfs())) {
            ev.put("noiseFloorDbfs", e.noiseFloorDbfs());
        }
        if (e.tone() != null) {
            ev.put("tone", e.tone().name());
        }
        return o;
    }

    private static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
