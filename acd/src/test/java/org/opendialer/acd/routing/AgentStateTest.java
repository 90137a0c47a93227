package org.opendialer.acd.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendialer.acd.routing.AgentState.*;
import static org.opendialer.acd.routing.AgentState.Event.*;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every (state, event) pair: the allowed ones lead where the brief says, every other one is refused. */
class AgentStateTest {

    /** The expected table, written out independently of the enum's. */
    private static final Map<String, AgentState> EXPECTED = new HashMap<>();

    private static void expect(AgentState from, AgentState.Event e, AgentState to) {
        EXPECTED.put(from + "/" + e, to);
    }

    static {
        expect(OFFLINE, GO_AVAILABLE, AVAILABLE);
        expect(OFFLINE, TAKE_BREAK, BREAK);
        expect(AVAILABLE, OFFER, ALERTING);
        expect(AVAILABLE, TAKE_BREAK, BREAK);
        expect(AVAILABLE, LOG_OUT, OFFLINE);
        expect(AVAILABLE, PREVIEW, PREVIEWING);
        expect(PREVIEWING, OFFER, ALERTING);
        expect(PREVIEWING, GO_AVAILABLE, AVAILABLE);
        expect(PREVIEWING, TAKE_BREAK, BREAK);
        expect(PREVIEWING, LOG_OUT, OFFLINE);
        expect(ALERTING, ANSWER, ON_CALL);
        expect(ALERTING, NO_ANSWER, NOT_RESPONDING);
        expect(ALERTING, WITHDRAW, AVAILABLE);
        expect(ON_CALL, HANG_UP, WRAP_UP);
        expect(WRAP_UP, GO_AVAILABLE, AVAILABLE);
        expect(WRAP_UP, WRAP_UP_EXPIRED, AVAILABLE);
        expect(WRAP_UP, TAKE_BREAK, BREAK);
        expect(WRAP_UP, LOG_OUT, OFFLINE);
        expect(BREAK, GO_AVAILABLE, AVAILABLE);
        expect(BREAK, TAKE_BREAK, BREAK);
        expect(BREAK, LOG_OUT, OFFLINE);
        expect(NOT_RESPONDING, GO_AVAILABLE, AVAILABLE);
        expect(NOT_RESPONDING, TAKE_BREAK, BREAK);
        expect(NOT_RESPONDING, LOG_OUT, OFFLINE);
    }

    @Test
    void everyPairIsAllowedOrRefusedAsSpecified() {
        int allowed = 0;
        for (AgentState from : AgentState.values()) {
            for (AgentState.Event e : AgentState.Event.values()) {
                AgentState to = EXPECTED.get(from + "/" + e);
                if (to != null) {
                    allowed++;
                    assertThat(from.on(e)).as(from + " on " + e).contains(to);
                    assertThat(from.next(e)).isEqualTo(to);
                } else {
                    assertThat(from.on(e)).as(from + " on " + e + " must be refused").isEmpty();
                    assertThatThrownBy(() -> from.next(e)).isInstanceOf(IllegalTransition.class)
                            .hasMessageContaining(from.name());
                }
            }
        }
        assertThat(allowed).isEqualTo(EXPECTED.size());
    }

    @Test
    void onlyAnAvailableOrPreviewingAgentCanBeOfferedAndACallCannotBeDropped() {
        for (AgentState s : AgentState.values()) {
            // PREVIEWING: only its own preview's call, which the router targets at it
            assertThat(s.on(OFFER).isPresent()).as(s.name()).isEqualTo(s == AVAILABLE || s == PREVIEWING);
        }
        // an agent on a call or alerted cannot log out or take a break: the call layer must end it first
        for (AgentState.Event e : new AgentState.Event[] {LOG_OUT, TAKE_BREAK, GO_AVAILABLE}) {
            assertThat(ON_CALL.on(e)).isEmpty();
            assertThat(ALERTING.on(e)).isEmpty();
        }
    }
}
