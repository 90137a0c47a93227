package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opendialer.call.SessionEvent.Stage;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.sip.HangupSide;
import org.opendialer.sip.Sipp;

/**
 * An inbound call answered early: 183 with our SDP, a prompt played in early media, only then the 200 (SIPp's
 * uac-early-answer requires the 183 and a 200 with the same media line, then hangs up).
 */
class EarlyAnswerTest {

    @Test
    void inboundCallHearsAPromptInEarlyMediaBeforeItIsAnswered() throws Exception {
        try (Rig rig = Rig.start(Rig.trunk("carrier", 5060, "main"))) {
            Recorder events = new Recorder();
            AtomicLong sentBeforeAnswer = new AtomicLong(-1);
            CompletableFuture<CallSession> offered = new CompletableFuture<>();
            rig.sessions.route("*", session -> {
                session.subscribe(events);
                session.subscribe(e -> {
                    if (e instanceof SessionEvent.PlaybackDone) {
                        sentBeforeAnswer.set(session.media().stats().packetsOut());
                    }
                });
                offered.complete(session);
                session.earlyAnswer()
                        .thenCompose(v -> session.play(Playable.Tone.single(500, Duration.ofMillis(600))))
                        .thenCompose(played -> session.answer());
            });
            try (Sipp caller = Sipp.uac("uac-early-answer.xml", 1, "127.0.0.1:" + rig.sip.port(), "-s",
                    "2015550100")) {
                CallSession s = offered.get(10, TimeUnit.SECONDS);
                SessionEvent.Ended ended = s.ended().get(15, TimeUnit.SECONDS);
                assertThat(caller.await(10)).as(caller.errors()).isZero();

                assertThat(s.inbound()).hasValueSatisfying(call -> {
                    assertThat(call.did()).isEqualTo("+12015550100");
                    assertThat(call.caller()).isEqualTo("+12015550999");
                    assertThat(call.source()).isEqualTo("carrier");
                });
                List<String> kinds = events.all().stream().map(e -> e instanceof SessionEvent.Progress p
                        ? "Progress " + p.stage() : e.getClass().getSimpleName()).toList();
                assertThat(kinds).containsExactly("Progress " + Stage.EARLY_MEDIA, "PlaybackDone",
                        "Progress " + Stage.ANSWERED, "Ended");
                SessionEvent.PlaybackDone done = (SessionEvent.PlaybackDone) events.all().get(1);
                assertThat(done.result().outcome()).isEqualTo(PlayResult.Outcome.COMPLETED);
                assertThat(done.result().framesPlayed()).as("20 ms frames of the prompt sent").isGreaterThanOrEqualTo(30);
                assertThat(sentBeforeAnswer.get()).as("RTP packets sent before the 200").isGreaterThanOrEqualTo(25);
                assertThat(ended.side()).isEqualTo(HangupSide.REMOTE);
                assertThat(ended.answered()).isTrue();
            }
        }
    }
}
