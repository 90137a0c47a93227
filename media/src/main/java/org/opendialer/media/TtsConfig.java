package org.opendialer.media;

/**
 * Text-to-speech settings (configuration section {@code media.tts}).
 *
 * @param espeakNg             the espeak-ng program for {@code espeak-ng:<language>} voices (name on PATH or path)
 * @param maxConcurrentRenders espeak-ng processes running at once at most (0 = number of cores)
 * @param renderTimeoutMillis  time one espeak-ng render may take before its process is killed and the prompt fails
 * @param cacheEntries         rendered phrases and WAV files held in memory at most
 * @param cacheMegabytes       memory the held audio may take at most (8 kHz 16-bit: 1 MB ≈ 65 s)
 * @param cacheDir             directory keeping rendered phrases across restarts; empty = memory only
 */
public record TtsConfig(String espeakNg, int maxConcurrentRenders, int renderTimeoutMillis, int cacheEntries,
                        int cacheMegabytes, String cacheDir) {

    public TtsConfig {
        espeakNg = espeakNg == null || espeakNg.isBlank() ? "espeak-ng" : espeakNg;
        cacheDir = cacheDir == null ? "" : cacheDir;
        if (maxConcurrentRenders < 0) {
            throw new IllegalArgumentException("maxConcurrentRenders: must be 0 (cores) or more, was "
                    + maxConcurrentRenders);
        }
        if (renderTimeoutMillis < 100) {
            throw new IllegalArgumentException("renderTimeoutMillis: need at least 100, was " + renderTimeoutMillis);
        }
        if (cacheEntries < 1 || cacheMegabytes < 1) {
            throw new IllegalArgumentException("cacheEntries/cacheMegabytes: need at least 1, was " + cacheEntries
                    + "/" + cacheMegabytes);
        }
    }

    public static TtsConfig defaults() {
        return new TtsConfig("espeak-ng", 0, 10_000, 2000, 64, "");
    }

    /** Concurrent renders with 0 resolved to the number of cores. */
    public int renderSlots() {
        return maxConcurrentRenders > 0 ? maxConcurrentRenders : Runtime.getRuntime().availableProcessors();
    }
}
