package org.opendialer.contacts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * A stand-in of the DNC.com Scrub API ({@code POST /app/main/rpc/scrub}, JSON v5) on loopback, shared by the
 * adapter's tests (contacts) and the gate's (campaign): answers each number with its code in {@link #codes}
 * ({@code C}, clean, when absent), or fails with 500, or holds every request until {@link #release}. Records each
 * request's body and {@code loginId} header; {@link #asked} is released once per request received.
 */
public final class DncComStandIn implements AutoCloseable {

    /** What the stand-in does with the next requests. */
    public enum Behaviour { ANSWER, FAIL, HANG }

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    public final List<String> keys = new CopyOnWriteArrayList<>();
    /** Ten-digit number to result code. */
    public final Map<String, String> codes = new ConcurrentHashMap<>();
    /** A permit per request received (before it is held or answered). */
    public final Semaphore asked = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer server;
    private volatile Behaviour behaviour = Behaviour.ANSWER;

    public DncComStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/app/main/rpc/scrub", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The base URL a provider is built with. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public DncComStandIn behave(Behaviour b) {
        behaviour = b;
        return this;
    }

    /** Lets every held request (and every later one) go on. */
    public void release() {
        release.countDown();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        JsonNode body = JSON.readTree(x.getRequestBody());
        requests.add(body);
        keys.add(x.getRequestHeaders().getFirst("loginId"));
        asked.release();
        Behaviour b = behaviour;
        if (b == Behaviour.HANG) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!x.getRequestMethod().equals("POST") || b == Behaviour.FAIL) {
            x.sendResponseHeaders(500, -1);
            x.close();
            return;
        }
        var rows = JSON.createArrayNode();
        for (String phone : body.path("phoneList").asText().split(",")) {
            rows.addObject().put("Phone", phone).put("ResultCode", codes.getOrDefault(phone, "C")).put("Reason", "");
        }
        byte[] out = rows.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, out.length);
        x.getResponseBody().write(out);
        x.close();
    }
}
