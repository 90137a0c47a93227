package org.opendialer.campaign.pacing;

import java.util.EnumMap;
import java.util.Map;

/**
 * The governor of the modes that dial ahead. {@link #CAPPED} is entered whenever the abandon rate over the
 * regulator's window has reached the cap (counting the next abandon and those the calls ringing on the queue may
 * bring) and dials 1:1 (progressive) until the rate is under the cap again; there is no transition that skips it.
 * {@link #HELD} also dials 1:1: another campaign on the same queue is capped, and this one's surplus answers would
 * take the agents that campaign's 1:1 calls count on (the ACD gives any live answer to the agent idle longest).
 * {@link #WARMING_UP} also dials 1:1: too few measured calls to predict from.
 */
public enum PacerState {
    WARMING_UP, PACING, HELD, CAPPED;

    /** What the pacer observed this tick, in order of precedence: its own cap, a peer's cap, the statistics. */
    public enum Signal { CAP_REACHED, PEER_CAPPED, STATS_COLD, STATS_READY }

    private static final Map<PacerState, Map<Signal, PacerState>> NEXT = new EnumMap<>(Map.of(
            WARMING_UP, new EnumMap<>(Map.of(Signal.CAP_REACHED, CAPPED, Signal.PEER_CAPPED, HELD,
                    Signal.STATS_COLD, WARMING_UP, Signal.STATS_READY, PACING)),
            // Statistics, once warm, are kept (a ring of the latest calls), so PACING does not go back to warming up.
            PACING, new EnumMap<>(Map.of(Signal.CAP_REACHED, CAPPED, Signal.PEER_CAPPED, HELD,
                    Signal.STATS_COLD, PACING, Signal.STATS_READY, PACING)),
            HELD, new EnumMap<>(Map.of(Signal.CAP_REACHED, CAPPED, Signal.PEER_CAPPED, HELD,
                    Signal.STATS_COLD, WARMING_UP, Signal.STATS_READY, PACING)),
            CAPPED, new EnumMap<>(Map.of(Signal.CAP_REACHED, CAPPED, Signal.PEER_CAPPED, HELD,
                    Signal.STATS_COLD, WARMING_UP, Signal.STATS_READY, PACING))));

    public PacerState next(Signal signal) {
        return NEXT.get(this).get(signal);
    }

    /** True when a mode that dials ahead must dial only one call per idle agent. */
    public boolean oneToOne() {
        return this != PACING;
    }
}
