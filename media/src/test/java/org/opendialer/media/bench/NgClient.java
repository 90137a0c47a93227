package org.opendialer.media.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minimal client for rtpengine's "ng" control protocol (cookie + bencoded dictionary over UDP), enough for
 * offer/answer/delete so the benchmark can relay its calls through rtpengine. Benchmark use only.
 */
final class NgClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private int cookie;

    NgClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(0, server.getAddress());
        this.socket.setSoTimeout(3000);
    }

    /** Sends {@code command} with string parameters; returns the reply's "sdp" (or "result"). */
    synchronized String call(String command, Map<String, String> params) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("command", command);
        all.putAll(params);
        StringBuilder sb = new StringBuilder("d");
        for (Map.Entry<String, String> e : all.entrySet()) {
            str(sb, e.getKey());
            str(sb, e.getValue());
        }
        sb.append('e');
        String c = "c" + (++cookie);
        byte[] out = (c + " " + sb).getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(out, out.length, server));
        byte[] buf = new byte[65536];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                throw new IOException("rtpengine did not answer " + command);
            }
            String reply = new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
            if (!reply.startsWith(c + " ")) {
                continue;
            }
            Map<String, String> d = dict(reply.substring(c.length() + 1));
            if (!"ok".equals(d.get("result"))) {
                throw new IOException("rtpengine " + command + " failed: " + d);
            }
            return d.containsKey("sdp") ? d.get("sdp") : d.get("result");
        }
    }

    private static void str(StringBuilder sb, String s) {
        sb.append(s.getBytes(StandardCharsets.ISO_8859_1).length).append(':').append(s);
    }

    /** Top-level string values of a bencoded dictionary (nested values are skipped). */
    private static Map<String, String> dict(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] pos = {1};
        while (pos[0] < s.length() && s.charAt(pos[0]) != 'e') {
            String key = string(s, pos);
            if (Character.isDigit(s.charAt(pos[0]))) {
                out.put(key, string(s, pos));
            } else {
                skip(s, pos);
            }
        }
        return out;
    }

    private static String string(String s, int[] pos) {
        int colon = s.indexOf(':', pos[0]);
        int len = Integer.parseInt(s.substring(pos[0], colon));
        pos[0] = colon + 1 + len;
        return s.substring(colon + 1, colon + 1 + len);
    }

    private static void skip(String s, int[] pos) {
        char c = s.charAt(pos[0]);
        if (Character.isDigit(c)) {
            string(s, pos);
        } else if (c == 'i') {
            pos[0] = s.indexOf('e', pos[0]) + 1;
        } else { // list or dictionary
            pos[0]++;
            while (s.charAt(pos[0]) != 'e') {
                skip(s, pos);
            }
            pos[0]++;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
