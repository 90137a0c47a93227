package org.opendialer.notifications.voice;

import java.time.Duration;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.progress.CountryToneTable;
import org.opendialer.media.Playable;

/**
 * One voice notification to place.
 *
 * @param to            number in any format; normalised to E.164 with the service's default region
 * @param from          caller ID; empty = the trunk's
 * @param trunkGroup    trunk group; empty = all trunks
 * @param ringTimeout   at least 15 s (raised), default 30 s
 * @param amd           what to do after answer
 * @param humanText     Mustache template said to a person, over {@code variables}
 * @param machineText   Mustache template left on a machine; empty = hang up on machines
 * @param variables     template values, e.g. name, date
 * @param repeats       times the human message plays when no key is pressed (1..5)
 * @param keyTimeout    wait for a key after each play (1..30 s)
 * @param webhookUrl    optional URL POSTed on every state change
 * @param webhookSecret key of the webhooks' HMAC-SHA256 signature (required with a URL, at least 16 characters)
 * @param amdOverrides  per-call AMD parameter overrides (names of {@code AmdParams})
 * @param keys          what each key after the human message does (one DTMF character each), as the request named
 *                      them; empty = {@link #keyActions()} are the defaults 1 confirm, 2 cancel, 9 opt out
 * @param toneCountry   tone tables for call-progress analysis of this call ("US", "UK", "EU", ... comma-separated);
 *                      empty = "US"
 * @param language      BCP 47 language of the messages and goodbyes, choosing the voice ({@link #voice()});
 *                      empty = English
 * @param amdUnknown    what an UNKNOWN from AMD does; null = {@link AmdUnknownAction#AS_PERSON}
 */
public record CallRequest(String to, String from, String trunkGroup, Duration ringTimeout, AmdMode amd,
                          String humanText, String machineText, Map<String, String> variables, int repeats,
                          Duration keyTimeout, String webhookUrl, String webhookSecret,
                          Map<String, Object> amdOverrides, Map<String, KeyAction> keys, String toneCountry,
                          String language, AmdUnknownAction amdUnknown) {

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");

    /** A request that takes AMD's UNKNOWN for a person. */
    public CallRequest(String to, String from, String trunkGroup, Duration ringTimeout, AmdMode amd,
                       String humanText, String machineText, Map<String, String> variables, int repeats,
                       Duration keyTimeout, String webhookUrl, String webhookSecret,
                       Map<String, Object> amdOverrides, Map<String, KeyAction> keys, String toneCountry,
                       String language) {
        this(to, from, trunkGroup, ringTimeout, amd, humanText, machineText, variables, repeats, keyTimeout,
                webhookUrl, webhookSecret, amdOverrides, keys, toneCountry, language, null);
    }

    /** A request in English. */
    public CallRequest(String to, String from, String trunkGroup, Duration ringTimeout, AmdMode amd,
                       String humanText, String machineText, Map<String, String> variables, int repeats,
                       Duration keyTimeout, String webhookUrl, String webhookSecret,
                       Map<String, Object> amdOverrides, Map<String, KeyAction> keys, String toneCountry) {
        this(to, from, trunkGroup, ringTimeout, amd, humanText, machineText, variables, repeats, keyTimeout,
                webhookUrl, webhookSecret, amdOverrides, keys, toneCountry, null);
    }

    /** A request with the default keys and tone country. */
    public CallRequest(String to, String from, String trunkGroup, Duration ringTimeout, AmdMode amd,
                       String humanText, String machineText, Map<String, String> variables, int repeats,
                       Duration keyTimeout, String webhookUrl, String webhookSecret,
                       Map<String, Object> amdOverrides) {
        this(to, from, trunkGroup, ringTimeout, amd, humanText, machineText, variables, repeats, keyTimeout,
                webhookUrl, webhookSecret, amdOverrides, null, null);
    }

    public CallRequest {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("to: must not be empty");
        }
        from = from == null ? "" : from;
        trunkGroup = trunkGroup == null ? "" : trunkGroup;
        ringTimeout = ringTimeout == null ? Duration.ofSeconds(30) : ringTimeout;
        if (ringTimeout.toSeconds() > 120) {
            throw new IllegalArgumentException("ringTimeoutSeconds: at most 120, was " + ringTimeout.toSeconds());
        }
        amd = amd == null ? AmdMode.ON : amd;
        if (humanText == null || humanText.isBlank()) {
            throw new IllegalArgumentException("human.text: must not be empty");
        }
        machineText = machineText == null ? "" : machineText;
        variables = Map.copyOf(variables == null ? Map.of() : variables);
        repeats = repeats == 0 ? 2 : repeats;
        if (repeats < 1 || repeats > 5) {
            throw new IllegalArgumentException("human.repeats: must be 1..5, was " + repeats);
        }
        keyTimeout = keyTimeout == null ? Duration.ofSeconds(5) : keyTimeout;
        if (keyTimeout.toSeconds() < 1 || keyTimeout.toSeconds() > 30) {
            throw new IllegalArgumentException("human.keyTimeoutSeconds: must be 1..30, was " + keyTimeout.toSeconds());
        }
        webhookUrl = webhookUrl == null ? "" : webhookUrl;
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        if (!webhookUrl.isEmpty() && webhookSecret.length() < 16) {
            throw new IllegalArgumentException("webhook.secret: at least 16 characters are needed to sign webhooks");
        }
        amdOverrides = amdOverrides == null ? Map.of() : amdOverrides;
        if (amdOverrides.values().stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("amdParameters: values must not be null");
        }
        amdOverrides = Map.copyOf(amdOverrides);
        try {
            // checked now, so a bad key or preset is the client's 400 and not a call that fails after its 201
            AmdParams.defaults().withOverrides(amdOverrides);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("amdParameters: " + e.getMessage(), e);
        }
        keys = KeyActions.checked(keys == null ? Map.of() : keys);
        toneCountry = toneCountry == null || toneCountry.isBlank() ? "US" : toneCountry.strip().toUpperCase(Locale.ROOT);
        try {
            CountryToneTable.forCountries(toneCountry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("toneCountry: " + e.getMessage(), e);
        }
        amdUnknown = amdUnknown == null ? AmdUnknownAction.AS_PERSON : amdUnknown;
        language = language == null ? "" : language.strip();
        if (!language.isEmpty() && !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("language: '" + language
                    + "' is not a language tag such as ko, fr or fr-CA");
        }
    }

    /** The TTS voice of this call's prompts: FreeTTS for English, espeak-ng in the request's language otherwise. */
    public String voice() {
        return Playable.Tts.voiceFor(language);
    }

    /** What each key does on this call: the request's own keys, or the defaults when it names none. */
    public Map<String, KeyAction> keyActions() {
        return keys.isEmpty() ? KeyActions.DEFAULTS : keys;
    }
}
