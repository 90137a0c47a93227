package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.sip.Sipp;
import org.opendialer.store.testing.ManualClock;

/**
 * The agentless runner placing real calls through {@code CallSessions} to SIPp carriers on loopback: a person who
 * says "Hello?" hears the message, busy is retried after its delay, an unallocated number is never dialled again.
 */
class AgentlessRunnerTest {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void aPersonHearsTheMessageAndTheAttemptKeepsTheAmdEvidence(@TempDir Path dir) throws Exception {
        Path hello = generate(dir, "hello.wav", "espeak-ng -w {raw} Hello? && sox {raw} -r 8000 -c 1 -e u-law {out} pad 0.3 4");
        try (Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", hello.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            ContactList list = f.list("p1,+12015550101,,");
            Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.put("trunkGroup", "main")));
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            VoiceCampaignRunner runner = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, Clock.systemUTC(), node());
            try {
                runner.tick();
                await("the attempt is settled", () -> settled(c) == 1);
                Attempt a = attempts.page(c.id(), 10, 1).items().getFirst();
                // NO_SPEECH here once meant a starved media loop: skipped ticks now owe frames (read afterwards), but a
                // stall over ~1.2 s still discards audio, so the message gives the count
                assertThat(a.result()).as(a + "; media ticks skipped by an overloaded loop: "
                        + rig.media.skippedTicks()).isEqualTo("human");
                assertThat(a.number()).isEqualTo("+12015550101");
                assertThat(a.callId()).isNotBlank();
                assertThat(a.callerId()).isEqualTo("Acme <+15550001111>");
                assertThat(a.trunkGroup()).isEqualTo("main");
                assertThat(a.sipStatus()).isEqualTo(200);
                assertThat(a.amdResult()).isEqualTo("HUMAN");
                assertThat(a.amdEvidence()).contains("\"reason\"").contains("greetingMs");
                assertThat(a.liveAnswer()).isTrue();
                assertThat(a.answeredAt()).isNotNull();
                assertThat(a.talkMs()).as("the message was played before our hang-up").isGreaterThan(1000);
                assertThat(carrier.await(20)).as(carrier.errors()).isZero(); // it got our BYE
                assertThat(runner.meter(c.id()).liveAnswers(java.time.Instant.now())).isEqualTo(1);

                runner.tick();
                assertThat(f.campaigns.require(c.id()).status()).as("nobody left").isEqualTo(CampaignStatus.COMPLETE);
            } finally {
                runner.close();
            }
        }
    }

    @Test
    void busyIsRetriedAfterItsDelayAndAnUnallocatedNumberNeverAgain() throws Exception {
        try (Sipp busy = Sipp.uas("uas-busy.xml", 2);
             Sipp gone = Sipp.uas("uas-404.xml", 1);
             Rig rig = new Rig(Rig.trunk("busy", busy.port, "busy"), Rig.trunk("gone", gone.port, "gone"))) {
            ManualClock clock = new ManualClock(java.time.Instant.now());
            Campaign cb = f.campaign(f.list("b1,+12015550102,,"), s -> Fixture.with(s, n -> n.put("trunkGroup", "busy")));
            Campaign cg = f.campaign(f.list("g1,+12015550103,,"), s -> Fixture.with(s, n -> n.put("trunkGroup", "gone")));
            f.campaigns.moveTo(cb.id(), CampaignStatus.ON);
            f.campaigns.moveTo(cg.id(), CampaignStatus.ON);
            VoiceCampaignRunner runner = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, clock, node());
            try {
                runner.tick();
                await("both settled", () -> settled(cb) == 1 && settled(cg) == 1);
                Attempt b = attempts.page(cb.id(), 10, 1).items().getFirst();
                assertThat(b.result()).isEqualTo("busy");
                assertThat(b.sipStatus()).isEqualTo(486);
                assertThat(b.q850()).isEqualTo(17);
                Attempt g = attempts.page(cg.id(), 10, 1).items().getFirst();
                assertThat(g.result()).isEqualTo("sitDisconnected");
                assertThat(g.sipStatus()).isEqualTo(404);
                assertThat(g.q850()).isEqualTo(1);

                runner.tick(); // inside the busy delay (300 s by default): nothing
                assertThat(attempts.page(cb.id(), 10, 1).total()).isEqualTo(1);
                clock.advance(Duration.ofSeconds(301));
                runner.tick();
                await("the busy contact is dialled again", () -> settled(cb) == 2);
                clock.advance(Duration.ofDays(2));
                runner.tick();
                assertThat(attempts.page(cg.id(), 10, 1).total()).as("never redialled").isEqualTo(1);
                assertThat(new Decisions(f.ds).page(cg.id(), null, 10, 1).items()).extracting(Decisions.Decision::code)
                        .containsExactly("sitDisconnected", "dialed");
                assertThat(busy.await(20)).as(busy.errors()).isZero();
                assertThat(gone.await(20)).as(gone.errors()).isZero();
            } finally {
                runner.close();
            }
        }
    }

    long settled(Campaign c) {
        return attempts.page(c.id(), 100, 1).items().stream().filter(a -> a.result() != null).count();
    }

    static String node() {
        return "test-" + UUID.randomUUID();
    }

    static void await(String what, BooleanSupplier ok) throws InterruptedException {
        await(what, java.time.Duration.ofSeconds(40), ok); // a loaded machine: AMD and TTS in real time
    }

    /** For what takes protocol time of its own (e.g. 30 s of ringing before it can happen). */
    static void await(String what, java.time.Duration within, BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    static Path generate(Path dir, String name, String command) throws Exception {
        Path out = dir.resolve(name);
        Path raw = dir.resolve("raw-" + name);
        Process p = new ProcessBuilder("sh", "-c", command.replace("{raw}", raw.toString()).replace("{out}", out.toString()))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(out)) {
            throw new IllegalStateException("could not make " + name + ": " + log);
        }
        return out;
    }
}
