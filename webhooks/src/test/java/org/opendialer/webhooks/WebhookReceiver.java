package org.opendialer.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook receiver on 127.0.0.1 (JDK HTTP server) that records every POST and answers scripted statuses. */
public final class WebhookReceiver implements AutoCloseable {

    /** One POST as received. */
    public record Delivery(String id, String timestamp, String signature, String body) {
        public boolean verifies(String secret) {
            return WebhookSignature.verify(secret, id, Long.parseLong(timestamp), body, signature);
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private volatile int then = 204;
    private volatile long delayMillis;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = ex.getRequestHeaders();
            deliveries.add(new Delivery(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), body));
            int status;
            synchronized (script) {
                status = script.isEmpty() ? then : script.poll();
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    /** Answers these statuses to the next POSTs, then {@code then} to every later one. */
    public WebhookReceiver answer(int then, Integer... first) {
        synchronized (script) {
            script.clear();
            script.addAll(List.of(first));
        }
        this.then = then;
        return this;
    }

    /** Holds every answer this long (to catch an attempt in flight). */
    public WebhookReceiver delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
