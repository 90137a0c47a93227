package org.opendialer.sip.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.opendialer.sip.SipStats;

/**
 * Traffic counters behind {@link SipStats}: new INVITEs taken and sent (retransmissions excluded) and responses
 * received by request method and status class. Written on the stack's and legs' threads, read at each scrape.
 */
final class SipTraffic {

    final LongAdder invitesIn = new LongAdder();
    final LongAdder invitesOut = new LongAdder();
    /** [method index][status class 1..6 at 0..5]; methods outside {@link SipStats#METHODS} count as the last. */
    private final LongAdder[][] responses = new LongAdder[SipStats.METHODS.size()][6];

    SipTraffic() {
        for (LongAdder[] row : responses) {
            for (int c = 0; c < row.length; c++) {
                row[c] = new LongAdder();
            }
        }
    }

    void responseReceived(String method, int status) {
        int m = SipStats.METHODS.indexOf(method);
        int c = status / 100 - 1;
        if (c >= 0 && c < 6) {
            responses[m < 0 ? responses.length - 1 : m][c].increment();
        }
    }

    /** Keyed as {@link SipStats#responseKey}. */
    Map<String, Long> responses() {
        Map<String, Long> out = new TreeMap<>();
        for (int m = 0; m < responses.length; m++) {
            for (int c = 0; c < 6; c++) {
                out.put(SipStats.responseKey(SipStats.METHODS.get(m), c + 1), responses[m][c].sum());
            }
        }
        return out;
    }
}
