package org.opendialer.campaign.pacing;

import java.util.EnumMap;
import java.util.Map;

/**
 * The governor of the modes that dial ahead. {@link #CAPPED} is entered whenever the abandon rate over the
 * regulator's window has reached the cap (counting the next abandon and those the calls ringing may bring) and
 * dials 1:1 (progressive) until the rate is under the cap again; there is no transition that skips it. {@link #WARMING_UP} also dials 1:1: too few measured calls to predict from.
 */
public enum PacerState {
    WARMING_UP, PACING, CAPPED;

    /** What the pacer observed this tick, in order of precedence: the cap first, then the statistics. */
    public enum Signal { CAP_REACHED, STATS_COLD, STATS_READY }

    private static final Map<PacerState, Map<Signal, PacerState>> NEXT = new EnumMap<>(Map.of(
            WARMING_UP, new EnumMap<>(Map.of(
                    Signal.CAP_REACHED, CAPPED, Signal.STATS_COLD, WARMING_UP, Signal.STATS_READY, PACING)),
            // Statistics, once warm, are kept (a ring of the latest calls), so PACING does not go back to warming up.
            PACING, new EnumMap<>(Map.of(
                    Signal.CAP_REACHED, CAPPED, Signal.STATS_COLD, PACING, Signal.STATS_READY, PACING)),
            CAPPED, new EnumMap<>(Map.of(
                    Signal.CAP_REACHED, CAPPED, Signal.STATS_COLD, WARMING_UP, Signal.STATS_READY, PACING))));

    public PacerState next(Signal signal) {
        return NEXT.get(this).get(signal);
    }

    /** True when a mode that dials ahead must dial only one call per idle agent. */
    public boolean oneToOne() {
        return this != PACING;
    }
}
