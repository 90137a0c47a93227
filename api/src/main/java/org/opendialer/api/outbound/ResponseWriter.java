package org.opendialer.api.outbound;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A chunked response written as a blocking {@link Writer} from a virtual thread, with back-pressure: every
 * {@value #CHUNK} characters are handed to the response on its context and the writer waits until they are
 * written, so a download of any size holds one chunk in memory. Headers go out with the first chunk, which is
 * why a failure before it can still be answered with a problem ({@link #started()} false).
 */
final class ResponseWriter extends Writer {

    private static final int CHUNK = 1 << 16;

    private final HttpServerResponse response;
    private final Context context;
    private final String contentType;
    private final String fileName;
    private final StringBuilder pending = new StringBuilder(CHUNK + 1024);
    private volatile boolean started;

    ResponseWriter(HttpServerResponse response, Context context, String contentType, String fileName) {
        this.response = response;
        this.context = context;
        this.contentType = contentType;
        this.fileName = fileName;
    }

    boolean started() {
        return started;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        pending.append(cbuf, off, len);
        if (pending.length() >= CHUNK) {
            send(false);
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        pending.append(s, off, off + len);
        if (pending.length() >= CHUNK) {
            send(false);
        }
    }

    @Override
    public void flush() {
        // chunks go out as they fill; close() sends the rest
    }

    /** Sends what is left and ends the response. */
    @Override
    public void close() throws IOException {
        send(true);
    }

    private void send(boolean end) throws IOException {
        Buffer chunk = Buffer.buffer(pending.toString());
        pending.setLength(0);
        await(() -> {
            if (!started) {
                started = true;
                response.setChunked(true).putHeader("Content-Type", contentType)
                        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
            }
            return end ? response.end(chunk) : response.write(chunk);
        });
    }

    private void await(Supplier<Future<Void>> write) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> write.get().onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete(null);
            } else {
                done.completeExceptionally(ar.cause());
            }
        }));
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the download");
        } catch (ExecutionException e) {
            throw new IOException("the client went away: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
