package org.opendialer.api.config;

/**
 * The configuration cannot be used. The message names the source (file or environment variable), the field and
 * the reason, in one line meant for an operator.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
