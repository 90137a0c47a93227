package org.opendialer.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One {@code /metrics} scrape in Prometheus text format, read the way a dashboard query would. */
public final class Scrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<String> samples;

    private Scrape(String body) {
        this.samples = body.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    public static Scrape of(String apiBase) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(apiBase + "/metrics")).GET().build();
        HttpResponse<String> r;
        try {
            r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedMeanwhile) {
            // a pooled connection the server closed at its idle timeout just as we reused it: once more, fresh
            r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        return new Scrape(r.body());
    }

    /**
     * Sum of the samples named {@code name} that carry every given label ({@code "key=value"}); 0 when none does,
     * as a counter not yet incremented reads in PromQL.
     */
    public double value(String name, String... labels) {
        return samples.stream().filter(l -> name(l).equals(name))
                .filter(l -> Arrays.stream(labels).allMatch(kv -> l.contains(kv.replaceFirst("=", "=\"") + "\"")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Whether a sample of this name (with these labels) is present at all. */
    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(l -> name(l).equals(name)
                && Arrays.stream(labels).allMatch(kv -> l.contains(kv.replaceFirst("=", "=\"") + "\"")));
    }

    /** The samples of this name as scraped, for failure messages. */
    public String lines(String name) {
        return String.join("\n", samples.stream().filter(l -> name(l).equals(name)).toList());
    }

    /** Every sample name of the scrape. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(l -> names.add(name(l)));
        return names;
    }

    private static String name(String sample) {
        int end = sample.indexOf('{');
        return sample.substring(0, end < 0 ? sample.indexOf(' ') : end);
    }
}
