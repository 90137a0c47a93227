package org.opendialer.acd.calls;

import java.util.List;
import java.util.Map;

/**
 * A caller to put in a queue: the shape of the IVR's transfer-to-queue request, so the glue is a lambda.
 *
 * @param queue           the queue's id or name
 * @param skills          skill names the interaction requires (at most 5)
 * @param priority        null: the queue's
 * @param language        BCP 47 language of the announcements ("en" when null or blank)
 * @param participantData what the flow learnt, shown to the agent (stored on the interaction)
 */
public record QueueRequest(String queue, List<String> skills, Integer priority, String language,
                           Map<String, String> participantData) {

    public QueueRequest {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("queue: must not be empty");
        }
        skills = List.copyOf(skills == null ? List.of() : skills);
        if (skills.size() > 5) {
            throw new IllegalArgumentException("skills: at most 5");
        }
        language = language == null || language.isBlank() ? "en" : language.strip();
        participantData = Map.copyOf(participantData == null ? Map.of() : participantData);
    }

    public static QueueRequest to(String queue) {
        return new QueueRequest(queue, List.of(), null, null, Map.of());
    }
}
