package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opendialer.sip.Q850;
import org.opendialer.sip.Sipp;

/**
 * An answered call to a person who says "Hello?" at once (SIPp carrier-answer-audio: 0.3 s of silence, the word,
 * 4 s of silence, then listens until our BYE), from a {@link Rig}.
 */
record HelloCall(Sipp carrier, Rig rig, CallSession session) implements AutoCloseable {

    /** Calls {@code number} and waits for the answer; the greeting is made in {@code dir}. */
    static HelloCall answered(Path dir, String number) throws Exception {
        Path hello = Audio.generate(dir, "hello.wav",
                "espeak-ng -w {raw} Hello? && sox {raw} -r 8000 -c 1 -e u-law {out} pad 0.3 4");
        Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", hello.toString()));
        Rig rig = null;
        try {
            rig = Rig.start(Rig.trunk("carrier", carrier.port, "main"));
            CallSession s = rig.sessions.originate(OriginateSpec.toNumber(number), e -> { });
            s.answered().get(10, TimeUnit.SECONDS);
            return new HelloCall(carrier, rig, s);
        } catch (Exception | Error e) {
            if (rig != null) {
                rig.close();
            }
            carrier.close();
            throw e;
        }
    }

    /** Hangs up and checks that the carrier saw the call through without an error. */
    void hangUp() throws Exception {
        session.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        assertThat(carrier.await(10)).as(carrier.errors()).isZero();
    }

    @Override
    public void close() {
        rig.close();
        carrier.close();
    }
}
