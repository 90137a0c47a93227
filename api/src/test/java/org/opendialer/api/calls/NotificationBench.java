package org.opendialer.api.calls;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/**
 * N voice notifications through the real server against SIPp carriers (half answered by a person who presses 1,
 * half by a voicemail with a beep), printing the outcomes and the latencies a caller hears, measured at the far end
 * (the carriers' captures): the carrier's 200 OK → the first sound we send, and the end of the beep → the first
 * sound of the machine message. Mode {@code sync} (AMD {@code on} for people, {@code endOfGreeting} for machines,
 * as before) or {@code async} ({@code async} for both). Not a test.
 *
 * <pre>NotificationBench [N [channels [sync|async]]]   (see api/BENCH.md)</pre>
 */
public final class NotificationBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        boolean async = args.length > 2 && args[2].equals("async");
        CallsScenarioTest.tmp = Files.createTempDirectory("notification-bench");
        Map<String, String> audio = CallsScenarioTest.prepareAudio();
        int humanPort = Carrier.freePort();
        int machinePort = Carrier.freePort();
        var conf = CallsScenarioTest.tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  port: 0
                  trunks:
                    - { name: human, host: 127.0.0.1, port: %d, maxChannels: %d, maxCallsPerSecond: 20, defaultRegion: US, group: human }
                    - { name: machine, host: 127.0.0.1, port: %d, maxChannels: %d, maxCallsPerSecond: 20, defaultRegion: US, group: machine }
                """.formatted(humanPort, concurrent, machinePort, concurrent));
        var config = new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0", "DIALER_DATA_DIR",
                CallsScenarioTest.tmp.resolve("pg").toString(), "DIALER_LOG_LEVEL", "WARN"));
        int humans = n / 2;
        int machines = n - humans;
        Map<String, String> humanFill = new java.util.HashMap<>(audio);
        humanFill.put("dtmf_pcap", "/usr/share/sip-tester/dtmf_2833_1.pcap");
        try (DialerServer server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin",
                "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
             Carrier human = Carrier.start("carrier-human.xml", humanPort, humans, humanFill);
             Carrier machine = Carrier.start("carrier-machine.xml", machinePort, machines, audio)) {
            CallsScenarioTest.base = "http://127.0.0.1:" + server.apiPort();
            CallsScenarioTest.token = CallsScenarioTest.token();
            long started = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean person = i % 2 == 0;
                JsonObject req = CallsScenarioTest.request(String.format("201555%04d", 1000 + i),
                        person ? "human" : "machine", async ? "async" : person ? "on" : "endOfGreeting");
                ids.add(new JsonObject(CallsScenarioTest.post("/api/v2/calls", req, null).body()).getString("id"));
            }
            List<JsonObject> done = new ArrayList<>();
            for (String id : ids) {
                done.add(await(id));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            report(done, seconds, human.await(30), machine.await(30));
            farEnd(human.farEnd(), machine.farEnd());
        }
    }

    /** What the carriers heard: 200 OK → our first sound (people), end of the beep → our next sound (machines). */
    private static void farEnd(List<RtpCapture.FarEndCall> people, List<RtpCapture.FarEndCall> machines) {
        List<Long> wire = new ArrayList<>();
        List<Long> media = new ArrayList<>();
        for (RtpCapture.FarEndCall c : people) {
            if (c.answerToFirstAudioMs() >= 0) {
                wire.add(c.answerToFirstAudioMs());
                media.add(c.mediaMsToFirstAudio());
            }
        }
        List<Long> machineFirst = new ArrayList<>();
        List<Long> afterBeep = new ArrayList<>();
        for (RtpCapture.FarEndCall c : machines) {
            if (c.answerToFirstAudioMs() >= 0) {
                machineFirst.add(c.answerToFirstAudioMs());
            }
            long beepEnd = c.theirs().stream().filter(RtpCapture.Datagram::loud)
                    .mapToLong(RtpCapture.Datagram::atNanos).max().orElse(Long.MAX_VALUE);
            c.ours().stream().filter(d -> d.loud() && d.atNanos() > beepEnd).findFirst()
                    .ifPresent(d -> afterBeep.add((d.atNanos() - beepEnd) / 1_000_000));
        }
        System.out.println("at the far end (carrier captures):");
        System.out.println("  person: 200 OK -> first sound we sent (ms): " + percentiles(wire));
        System.out.println("  person: our first packet -> first sound, RTP media time (ms): " + percentiles(media));
        System.out.println("  machine: 200 OK -> first sound we sent (ms): " + percentiles(machineFirst));
        System.out.println("  machine: end of the beep -> first sound after it (ms): " + percentiles(afterBeep));
    }

    private static JsonObject await(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonObject call = new JsonObject(CallsScenarioTest.get("/api/v2/calls/" + id).body());
            String state = call.getString("state");
            if (state.equals("completed") || state.equals("failed")) {
                return call;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("call " + id + " did not finish");
    }

    private static void report(List<JsonObject> calls, double seconds, int humanSipp, int machineSipp) {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Long> firstAudio = new ArrayList<>();
        List<Long> beepToMessage = new ArrayList<>();
        int keys = 0;
        for (JsonObject c : calls) {
            outcomes.merge(c.getString("state") + " / " + c.getString("outcome", "-"), 1, Integer::sum);
            JsonObject d = c.getJsonObject("durations", new JsonObject());
            if (d.getLong("answerToFirstAudioMs") != null) {
                firstAudio.add(d.getLong("answerToFirstAudioMs"));
            }
            if (d.getLong("beepToMessageMs") != null) {
                beepToMessage.add(d.getLong("beepToMessageMs"));
            }
            if ("1".equals(c.getString("keyPressed"))) {
                keys++;
            }
        }
        System.out.printf("%d calls in %.1f s; SIPp exit: human carrier %d, machine carrier %d (0 = every call as "
                + "scripted)%n", calls.size(), seconds, humanSipp, machineSipp);
        System.out.println("state / outcome                 calls");
        outcomes.forEach((k, v) -> System.out.printf("  %-28s %5d%n", k, v));
        System.out.printf("key 1 received on %d calls%n", keys);
        System.out.println("server's own view (when it sent, not when the carrier got it):");
        System.out.println("  answer -> first audio (ms): " + percentiles(firstAudio));
        System.out.println("  end of beep -> first audio of the machine message (ms): " + percentiles(beepToMessage));
    }

    private static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "no samples";
        }
        List<Long> s = values.stream().sorted().toList();
        return "p50=" + s.get((s.size() - 1) / 2) + " p90=" + s.get((int) Math.ceil(s.size() * 0.9) - 1)
                + " max=" + s.getLast() + " n=" + s.size();
    }
}
