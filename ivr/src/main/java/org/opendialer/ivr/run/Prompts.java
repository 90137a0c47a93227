package org.opendialer.ivr.run;

import java.nio.file.Path;
import java.util.Locale;
import org.opendialer.media.Playable;

/**
 * What a flow's prompts become: text as TTS in the flow's language, prompt names as files of one directory, and
 * where recorded messages go.
 *
 * @param promptDir    the only directory {@code play} nodes read from
 * @param recordingDir where {@code record} nodes write their WAV files
 */
public record Prompts(Path promptDir, Path recordingDir) {

    /** FreeTTS's English voice; any other language goes to espeak-ng (rendered by media's TTS engine). */
    static final String ENGLISH_VOICE = "kevin16";

    public Prompts {
        promptDir = promptDir.toAbsolutePath().normalize();
        recordingDir = recordingDir.toAbsolutePath().normalize();
    }

    /** {@code text} spoken in {@code language} (BCP 47): English by FreeTTS, others by {@code espeak-ng:<language>}. */
    static Playable.Tts speech(String text, String language) {
        String lang = language == null || language.isBlank() ? "en" : language.trim();
        return lang.toLowerCase(Locale.ROOT).startsWith("en") ? new Playable.Tts(text, ENGLISH_VOICE)
                : new Playable.Tts(text, "espeak-ng:" + lang);
    }

    /**
     * The prompt file {@code name} inside {@link #promptDir}.
     *
     * @throws IllegalArgumentException for a name that would leave the directory (absolute, {@code ..})
     */
    Playable.Wav file(String name) {
        Path p = promptDir.resolve(name).normalize();
        if (name.isBlank() || Path.of(name).isAbsolute() || !p.startsWith(promptDir) || p.equals(promptDir)) {
            throw new IllegalArgumentException("prompt '" + name + "' is not a file of the prompt directory");
        }
        return new Playable.Wav(p);
    }

    /** A new recording file for a node of an execution. */
    Path recording(java.util.UUID executionId, String nodeId) {
        return recordingDir.resolve(executionId + "-" + nodeId + ".wav");
    }
}
