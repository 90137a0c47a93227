package org.opendialer.api.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * Runs blocking work (JDBC, password hashing) on virtual threads and hands the result back on the caller's
 * Vert.x context, so handlers never block an event loop and never touch a response off its context.
 */
public final class Blocking implements AutoCloseable {

    private final Vertx vertx;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("blocking-", 0).factory());

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Future<T> call(Callable<T> task) {
        return call(threads, task);
    }

    /**
     * Runs {@code task} on {@code pool} instead (a bounded pool for CPU-heavy work); a pool that refuses the task
     * gives a future failed with its {@link java.util.concurrent.RejectedExecutionException}.
     */
    public <T> Future<T> call(Executor pool, Callable<T> task) {
        Context ctx = vertx.getOrCreateContext();
        String contextId = RequestContext.currentId();
        Promise<T> promise = Promise.promise();
        try {
            pool.execute(() -> {
                // the request's id on the log lines of its blocking work; pooled threads are reused, so take it off
                if (contextId == null) {
                    run(ctx, promise, task);
                    return;
                }
                try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestContext.MDC_KEY, contextId)) {
                    run(ctx, promise, task);
                }
            });
        } catch (RejectedExecutionException e) {
            promise.fail(e);
        }
        return promise.future();
    }

    private static <T> void run(Context ctx, Promise<T> promise, Callable<T> task) {
        try {
            T result = task.call();
            ctx.runOnContext(v -> promise.complete(result));
        } catch (Throwable t) {
            ctx.runOnContext(v -> promise.fail(t));
        }
    }

    /** Waits up to 10 s for running tasks, so a shutdown does not cut a database write in half. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
