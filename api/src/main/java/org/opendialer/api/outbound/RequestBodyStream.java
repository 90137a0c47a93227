package org.opendialer.api.outbound;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A request body read as a blocking {@link InputStream} (on a virtual thread) while it arrives, with back-pressure:
 * the request is paused when {@value #HIGH} chunks wait and resumed when the reader is down to {@value #LOW}, so
 * an upload of any size holds at most a few hundred KiB in memory. A connection that closes before the end (also
 * by the server's idle timeout, {@code api.idleTimeoutSeconds}) is an {@link IOException} at the reader, whose
 * import then rolls back. Pause and resume run on the request's context only.
 */
final class RequestBodyStream extends InputStream {

    private static final int HIGH = 32;
    private static final int LOW = 8;
    private static final Object END = new Object();

    private final HttpServerRequest request;
    private final Context context;
    private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final io.vertx.core.Promise<Void> received = io.vertx.core.Promise.promise();
    /** Touched on the context only. */
    private boolean paused;
    private Buffer current;
    private int pos;
    private boolean ended;

    /** Call on the request's context, with the request paused. */
    RequestBodyStream(HttpServerRequest request, Context context) {
        this.request = request;
        this.context = context;
        request.handler(b -> {
            chunks.add(b);
            if (!paused && chunks.size() >= HIGH) {
                paused = true;
                request.pause();
            }
        });
        request.endHandler(v -> {
            chunks.add(END);
            received.tryComplete();
        });
        request.exceptionHandler(e -> chunks.add(new IOException("the upload broke off: " + e.getMessage(), e)));
        request.resume();
    }

    /** Completes (on the context) once the client has sent the whole body; never if it breaks off. */
    io.vertx.core.Future<Void> received() {
        return received.future();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (current == null || pos == current.length()) {
            if (ended) {
                return -1;
            }
            Object next;
            try {
                next = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the upload");
            }
            if (next == END) {
                ended = true;
                return -1;
            }
            if (next instanceof IOException e) {
                ended = true;
                throw e;
            }
            current = (Buffer) next;
            pos = 0;
            if (chunks.size() <= LOW) {
                context.runOnContext(v -> {
                    if (paused && chunks.size() <= LOW) {
                        paused = false;
                        request.resume();
                    }
                });
            }
        }
        int n = Math.min(len, current.length() - pos);
        current.getBytes(pos, pos + n, b, off);
        pos += n;
        return n;
    }

    /** Drops what was not read (a refused upload): the rest of the body is read and discarded. */
    @Override
    public void close() {
        ended = true;
        context.runOnContext(v -> {
            request.handler(null);
            paused = false;
            request.resume();
            chunks.clear();
        });
    }
}
