package org.opendialer.call;

import java.util.Map;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.media.FrameTap;

/** Runs AMD (a call's default parameters, async: awaiting the beep) over an {@link EchoLine.Mix}, frame by frame. */
final class EchoAmd {

    /** What AMD decided ("NONE" when it never did), and the canceller's view when there was one. */
    record Verdict(String result, long decisionMs, int delayMs, double erleDb, long frames) { }

    private EchoAmd() {
    }

    static Verdict run(EchoLine.Mix m, boolean cancelEcho) {
        AmdEvent.Decision[] decision = new AmdEvent.Decision[1];
        AmdDetector amd = AmdDetector.create(AmdParams.defaults().withOverrides(Map.of("awaitMachineEnd", true)),
                ev -> {
                    if (ev instanceof AmdEvent.Decision d && decision[0] == null) {
                        decision[0] = d;
                    }
                });
        AmdTap withCanceller = cancelEcho ? new AmdTap(amd, AmdParams.defaults().totalAnalysisMs()) : null;
        FrameTap tap = cancelEcho ? withCanceller : (pcm, i) -> amd.onFrame(pcm);
        short[] heard = new short[AmdDetector.FRAME_SAMPLES];
        short[] sent = new short[AmdDetector.FRAME_SAMPLES];
        long frames = 0;
        for (int at = 0; at + heard.length <= m.heard().length && decision[0] == null; at += heard.length) {
            System.arraycopy(m.heard(), at, heard, 0, heard.length);
            System.arraycopy(m.sent(), at, sent, 0, sent.length);
            tap.onFrame(heard, sent, frames++);
        }
        AmdEvent.Decision d = decision[0];
        return new Verdict(d == null ? "NONE" : d.result().name(), d == null ? -1 : d.decisionMs(),
                withCanceller == null ? -1 : withCanceller.canceller().delayMs(),
                withCanceller == null ? 0 : withCanceller.canceller().erleDb(), frames);
    }
}
