package org.opendialer.api.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * The first handler of the router: a request whose path is not in canonical form is a 400 before anything routes
 * it. Routers and guards that read a path differently (one collapsing {@code //} or {@code /./}, decoding
 * {@code %61}, ignoring a trailing slash; the other not) are how access checks get walked around, so only one
 * spelling of each path is served: no empty segments (so no trailing slash), no dot segments, no backslash, no
 * percent-encoded unreserved character (RFC 3986 section 2.3), slash, backslash or control character, and no
 * malformed escape. A query that does not decode is refused here too. A platform handler, so that it runs
 * before the body is read.
 */
public final class CanonicalRequests implements PlatformHandler {

    private static final String UNRESERVED_PUNCT = "-._~";
    /** The web pages' own addresses (README): public static files, where the one trailing slash walks around nothing. */
    static final java.util.Set<String> PAGES = java.util.Set.of("/agent/", "/supervisor/");

    @Override
    public void handle(RoutingContext rc) {
        String reason = pathProblem(rc.request().path());
        if (reason == null) {
            try {
                rc.queryParams();
            } catch (RuntimeException e) {
                reason = "the query string is not valid percent-encoding";
            }
        }
        if (reason != null) {
            Problem.of("non-canonical-request", 400, "Bad Request", reason).send(rc);
            return;
        }
        rc.next();
    }

    /** Why {@code raw} is not a canonical path, or null when it is. */
    static String pathProblem(String raw) {
        if (raw == null || !raw.startsWith("/")) {
            return "the path must start with /";
        }
        if (raw.equals("/") || PAGES.contains(raw)) {
            return null;
        }
        if (raw.indexOf('\\') >= 0) {
            return "the path must not contain a backslash";
        }
        for (String segment : raw.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return "the path must not contain empty segments (// or a trailing /)";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "the path must not contain . or .. segments";
            }
        }
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            int c = i + 2 < raw.length() ? hex(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
            if (c < 0) {
                return "the path holds a malformed percent-escape";
            }
            if (Character.isLetterOrDigit(c) && c < 0x80 || UNRESERVED_PUNCT.indexOf(c) >= 0) {
                return "the path must not percent-encode the letter, digit or mark '" + (char) c + "'";
            }
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                return "the path must not percent-encode a slash, backslash or control character";
            }
        }
        return null;
    }

    private static int hex(char hi, char lo) {
        if (hi >= 0x80 || lo >= 0x80) {
            return -1;
        }
        int h = Character.digit(hi, 16);
        int l = Character.digit(lo, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
