package org.opendialer.api.http;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives each request a {@code contextId}: sent back as the {@value #HEADER} header, written into every problem
 * body, and put in the logging MDC (key {@value #MDC_KEY}) of the request's log lines: the line logged as its
 * answer starts (INFO when it is a problem, with its code; DEBUG otherwise), the failure handler's, and those of
 * blocking work started from the request ({@link Blocking} carries it over). An operator handed the id of a failed
 * request finds its lines by grepping for it.
 *
 * <p>The first platform handler of the router, so even a request refused as non-canonical has one. The id also
 * rides on the request's Vert.x (duplicated) context, which is how {@link Blocking} finds it without the
 * routing context.
 */
public final class RequestContext implements PlatformHandler {

    public static final String HEADER = "X-Context-Id";
    public static final String MDC_KEY = "contextId";
    private static final String PROBLEM_CODE = "opendialer.problemCode";
    private static final Logger log = LoggerFactory.getLogger(RequestContext.class);

    @Override
    public void handle(RoutingContext rc) {
        String id = UUID.randomUUID().toString();
        rc.put(MDC_KEY, id);
        if (Vertx.currentContext() instanceof ContextInternal ctx && ctx.isDuplicate()) {
            ctx.putLocal(MDC_KEY, id);
        }
        rc.response().putHeader(HEADER, id);
        long start = System.nanoTime();
        // at the headers' end the status and problem code are final, and the line is written before the client
        // can read the answer (so whoever holds the contextId finds the line)
        rc.addHeadersEndHandler(v -> logEnd(rc, id, (System.nanoTime() - start) / 1_000_000));
        rc.next();
    }

    /** The request's id, or null outside a request (a handler added before this one). */
    public static String id(RoutingContext rc) {
        return rc.get(MDC_KEY);
    }

    /** Notes the problem code a request was answered with, for its log line. */
    public static void answeredWith(RoutingContext rc, String code) {
        rc.put(PROBLEM_CODE, code);
    }

    /** The id of the request whose Vert.x context the caller runs on, or null. */
    static String currentId() {
        return Vertx.currentContext() instanceof ContextInternal ctx ? ctx.getLocal(MDC_KEY) : null;
    }

    private static void logEnd(RoutingContext rc, String id, long millis) {
        int status = rc.response().getStatusCode();
        String code = rc.get(PROBLEM_CODE);
        if (code == null && !log.isDebugEnabled()) {
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
            if (code != null) {
                log.info("{} {} -> {} {} ({} ms)", rc.request().method(), rc.request().path(), status, code, millis);
            } else {
                log.debug("{} {} -> {} ({} ms)", rc.request().method(), rc.request().path(), status, millis);
            }
        }
    }
}
