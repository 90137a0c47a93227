package org.opendialer.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opendialer.webhooks.WebhookSignature;

/** A webhook receiver on 127.0.0.1 that keeps every POST with its Standard Webhooks headers and answers 204. */
public final class WebhookSink implements AutoCloseable {

    /** One POST as received. */
    public record Post(String id, long timestamp, String signature, String body) {
        public boolean verifies(String secret) {
            return WebhookSignature.verify(secret, id, timestamp, body, signature);
        }
    }

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    public WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", ex -> {
            var h = ex.getRequestHeaders();
            posts.add(new Post(h.getFirst(WebhookSignature.ID), Long.parseLong(h.getFirst(WebhookSignature.TIMESTAMP)),
                    h.getFirst(WebhookSignature.SIGNATURE), new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
    }

    /** The receiver's URL under {@code host} (which must resolve to 127.0.0.1). */
    public String url(String host) {
        return "http://" + host + ":" + server.getAddress().getPort() + "/hook";
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
