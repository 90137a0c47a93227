package org.opendialer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdResult;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.call.CallSession;
import org.opendialer.call.OriginateSpec;
import org.opendialer.call.SessionEvent;
import org.opendialer.media.Playable;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.Q850;

/**
 * Our own {@link org.opendialer.call.CallSessions} dial each pattern of the default table on the demo carrier, all
 * real: SIP over loopback, RTP both ways, AMD and call-progress analysis with their default parameters.
 */
class DemoCarrierTest {

    @TempDir
    static Path dir;
    static DemoCarrier carrier;
    static Dialer dialer;

    @BeforeAll
    static void start() {
        carrier = DemoCarrier.start(Dialer.carrierOptions(dir, 40));
        dialer = new Dialer(carrier, 40);
    }

    @AfterAll
    static void stop() {
        if (dialer != null) {
            dialer.close();
        }
        if (carrier != null) {
            carrier.close();
        }
    }

    @Test
    void aPersonAnswersSaysHelloAndIsTakenForAHuman() throws Exception {
        Events events = new Events();
        AtomicInteger loudFrames = new AtomicInteger();
        CallSession s = dialer.sessions.originate(OriginateSpec.toNumber("+12015550101"), events);
        s.answered().get(10, TimeUnit.SECONDS);
        s.media().addTap((pcm, i) -> {
            if (meanLevel(pcm) > 300) {
                loudFrames.incrementAndGet();
            }
        });
        AmdEvent.Decision d = s.startAmd(s.defaultAmdParams()).get(15, TimeUnit.SECONDS);
        assertThat(d.result()).as(d.toString()).isEqualTo(AmdResult.HUMAN);
        assertThat(loudFrames.get()).as("20 ms frames of the hello we heard").isGreaterThan(10);
        assertThat(events.kinds()).contains("Progress RINGING", "Progress ANSWERED");
        SessionEvent.Ended ended = s.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        assertThat(ended.answered()).isTrue();
        assertThat(carrier.counts().offered(Behaviour.PERSON)).isPositive();
    }

    @Test
    void aPersonPressesItsKeyAfterHearingThePrompt() throws Exception {
        Events events = new Events();
        CallSession s = dialer.sessions.originate(OriginateSpec.toNumber("+12015550102"), events);
        s.answered().get(10, TimeUnit.SECONDS);
        assertThat(s.startAmd(s.defaultAmdParams()).get(15, TimeUnit.SECONDS).result()).isEqualTo(AmdResult.HUMAN);
        long keysBefore = carrier.counts().keysPressed();
        s.play(new Playable.Tts("Hello Jane, your appointment is on Tuesday. Press 1 to confirm, 2 to cancel."));
        SessionEvent.Digit digit = events.await(SessionEvent.Digit.class, 20);
        assertThat(digit.digit()).isEqualTo('1');
        assertThat(carrier.counts().keysPressed()).isEqualTo(keysBefore + 1);
        long received = carrier.rtp().packetsIn();
        assertThat(received).as("the carrier received our prompt's RTP").isGreaterThan(50);
        s.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aVoicemailIsAMachineThenBeeps() throws Exception {
        Events events = new Events();
        CallSession s = dialer.sessions.originate(OriginateSpec.toNumber("+12015550103"), events);
        s.answered().get(10, TimeUnit.SECONDS);
        AmdEvent.Decision d = s.startAmd(s.defaultAmdParams()).get(20, TimeUnit.SECONDS);
        assertThat(d.result()).as(d.toString()).isEqualTo(AmdResult.MACHINE);
        SessionEvent.Beep beep = events.await(SessionEvent.Beep.class, 20);
        assertThat(beep.beepHz()).as(beep.toString()).isBetween(950.0, 1050.0);
        s.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        assertThat(carrier.counts().offered(Behaviour.VOICEMAIL)).isPositive();
    }

    @Test
    void busyIs486WithCause17() throws Exception {
        SessionEvent.Ended e = endOf("+12015550105", OriginateSpec.toNumber("+12015550105"));
        assertThat(e.sipStatus()).isEqualTo(486);
        assertThat(e.q850()).isEqualTo(Q850.USER_BUSY);
        assertThat(e.disposition()).isEqualTo(Disposition.BUSY);
        assertThat(e.answered()).isFalse();
    }

    @Test
    void noAnswerRingsUntilWeCancelAtTheRingTimeout() throws Exception {
        Events events = new Events();
        CallSession s = dialer.sessions.originate(OriginateSpec.toNumber("+12015550106")
                .withRingTimeout(Duration.ofSeconds(15)), events); // 15 s: the least ring time we allow
        SessionEvent.Ended e = s.ended().get(30, TimeUnit.SECONDS);
        assertThat(events.kinds()).contains("Progress RINGING");
        assertThat(e.sipStatus()).as(e.toString()).isEqualTo(487);
        assertThat(e.disposition()).isEqualTo(Disposition.NO_ANSWER);
        assertThat(e.q850()).isEqualTo(Q850.NO_ANSWER);
    }

    @Test
    void aDisconnectedNumberPlaysSitInEarlyMediaThenFails() throws Exception {
        Events events = new Events();
        CallSession s = dialer.sessions.originate(OriginateSpec.toNumber("+12015550107"), events);
        SessionEvent.CpaTone tone = events.await(SessionEvent.CpaTone.class, 15);
        SessionEvent.Ended e = s.ended().get(15, TimeUnit.SECONDS);
        assertThat(tone.tone()).as(tone.toString()).isEqualTo(CallProgressTone.SIT);
        assertThat(tone.beforeAnswer()).isTrue();
        assertThat(events.kinds()).contains("Progress EARLY_MEDIA");
        assertThat(e.sipStatus()).isEqualTo(404);
        assertThat(e.q850()).isEqualTo(Q850.UNALLOCATED_NUMBER);
        assertThat(e.answered()).isFalse();
    }

    @Test
    void aFaxAnswersWithCallingTones() throws Exception {
        Events events = new Events();
        CallSession s = dialer.sessions.originate(OriginateSpec.toNumber("+12015550108"), events);
        s.answered().get(10, TimeUnit.SECONDS);
        AmdEvent.Decision d = s.startAmd(s.defaultAmdParams()).get(20, TimeUnit.SECONDS);
        assertThat(d.result()).as(d.toString()).isEqualTo(AmdResult.FAX);
        s.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        assertThat(events.all.stream().filter(SessionEvent.CpaTone.class::isInstance)
                .map(t -> ((SessionEvent.CpaTone) t).tone()).toList()).containsOnly(CallProgressTone.FAX_CNG);
    }

    @Test
    void anUnreachableNumberFailsWith502() throws Exception {
        SessionEvent.Ended e = endOf("+12015550109", OriginateSpec.toNumber("+12015550109"));
        assertThat(e.sipStatus()).isEqualTo(502);
        assertThat(e.q850()).isEqualTo(Q850.DESTINATION_OUT_OF_ORDER);
    }

    private static SessionEvent.Ended endOf(String number, OriginateSpec spec) throws Exception {
        return dialer.sessions.originate(spec).ended().get(15, TimeUnit.SECONDS);
    }

    static int meanLevel(short[] pcm) {
        long sum = 0;
        for (short v : pcm) {
            sum += Math.abs(v);
        }
        return (int) (sum / pcm.length);
    }

    /** A session's events as they come, and a way to wait for one of a kind. */
    static final class Events implements org.opendialer.call.SessionListener {
        final List<SessionEvent> all = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(SessionEvent e) {
            all.add(e);
        }

        <T extends SessionEvent> T await(Class<T> type, int seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                for (SessionEvent e : all) {
                    if (type.isInstance(e)) {
                        return type.cast(e);
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no " + type.getSimpleName() + " within " + seconds + " s; saw " + kinds());
        }

        List<String> kinds() {
            return all.stream().map(e -> e instanceof SessionEvent.Progress p ? "Progress " + p.stage()
                    : e.getClass().getSimpleName()).toList();
        }
    }
}
