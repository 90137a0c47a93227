package org.opendialer.media;

import java.time.Duration;

/**
 * Digit collection rules (timeouts in media time).
 *
 * @param maxDigits          stop after this many digits
 * @param terminator         digit that ends collection and is not included (0 for none)
 * @param firstDigitTimeout  wait for the first digit (after the prompt, for play-and-collect)
 * @param interDigitTimeout  wait between digits
 */
public record CollectOptions(int maxDigits, char terminator, Duration firstDigitTimeout, Duration interDigitTimeout) {
    public CollectOptions {
        if (maxDigits < 1) {
            throw new IllegalArgumentException("maxDigits: must be >= 1, was " + maxDigits);
        }
    }

    public static CollectOptions digits(int max) {
        return new CollectOptions(max, '#', Duration.ofSeconds(5), Duration.ofSeconds(3));
    }
}
