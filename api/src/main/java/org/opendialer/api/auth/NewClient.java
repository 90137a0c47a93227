package org.opendialer.api.auth;

/** A freshly created client with its secret in clear: shown exactly once, to whoever created it. */
public record NewClient(ApiClient client, String secret) {
}
