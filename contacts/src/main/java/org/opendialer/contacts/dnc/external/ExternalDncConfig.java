package org.opendialer.contacts.dnc.external;

import java.net.URI;
import java.time.Duration;

/**
 * External DNC providers (section {@code externalDnc}).
 *
 * @param dncComUrl    the DNC.com service (default {@code https://www.dncscrub.com}; a stand-in's address in tests;
 *                     environment variable {@code DIALER_DNCCOM_URL})
 * @param budgetMillis how long one scrub may take before its numbers count as unanswered and are not dialled
 *                     (1..10000, default 800)
 */
public record ExternalDncConfig(String dncComUrl, int budgetMillis) {

    public ExternalDncConfig {
        dncComUrl = dncComUrl == null || dncComUrl.isBlank() ? ExternalDncLists.DNC_COM_URL.toString() : dncComUrl.strip();
        budgetMillis = budgetMillis == 0 ? (int) ExternalDncLists.BUDGET.toMillis() : budgetMillis;
        URI u;
        try {
            u = URI.create(dncComUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dncComUrl: not a URL: " + dncComUrl, e);
        }
        if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("dncComUrl: an http(s) URL with a host, was " + dncComUrl);
        }
        if (budgetMillis < 1 || budgetMillis > 10_000) {
            throw new IllegalArgumentException("budgetMillis: 1..10000, was " + budgetMillis);
        }
    }

    public static ExternalDncConfig defaults() {
        return new ExternalDncConfig(null, 0);
    }

    URI url() {
        return URI.create(dncComUrl);
    }

    Duration budget() {
        return Duration.ofMillis(budgetMillis);
    }
}
