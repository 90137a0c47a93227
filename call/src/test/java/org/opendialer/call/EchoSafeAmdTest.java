package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Async AMD on a line that echoes our message back at 20 dB echo return loss (see {@link EchoLine}): the 60 fsdd
 * people of the shared corpus must not be called machines more often than the product allows (2 %), and the corpus's
 * machines must be called machines as often as on a line without echo. Without the canceller in front of AMD the
 * same line fails the first bound, which is what makes the test worth having.
 */
class EchoSafeAmdTest {

    /** The product requirement: at most 2 % of people called machines. */
    private static final double HUMANS_AS_MACHINE = 0.02;
    private static final double ERL_DB = 20;

    @Test
    void peopleOnAnEchoingLineAreNotCalledMachinesBehindTheCanceller() throws Exception {
        List<Path> people = EchoLine.people();
        assertThat(people).hasSize(60);
        int withCanceller = 0;
        int without = 0;
        for (int i = 0; i < people.size(); i++) {
            EchoLine.Mix m = EchoLine.mix(people.get(i), ERL_DB, i);
            withCanceller += EchoAmd.run(m, true).result().equals("MACHINE") ? 1 : 0;
            without += EchoAmd.run(m, false).result().equals("MACHINE") ? 1 : 0;
        }
        assertThat((double) without / people.size()).as("people called machines with no canceller (%d)", without)
                .isGreaterThan(HUMANS_AS_MACHINE);
        assertThat((double) withCanceller / people.size()).as("people called machines (%d)", withCanceller)
                .isLessThanOrEqualTo(HUMANS_AS_MACHINE);
    }

    @Test
    void machinesOnAnEchoingLineAreStillMachines() throws Exception {
        List<Path> machines = EchoLine.machines();
        int clean = 0;
        int echoing = 0;
        for (int i = 0; i < machines.size(); i++) {
            clean += EchoAmd.run(EchoLine.mix(machines.get(i), Double.POSITIVE_INFINITY, 1000 + i), true).result()
                    .equals("MACHINE") ? 1 : 0;
            echoing += EchoAmd.run(EchoLine.mix(machines.get(i), ERL_DB, 1000 + i), true).result()
                    .equals("MACHINE") ? 1 : 0;
        }
        assertThat(clean).as("machines called machines without echo").isPositive();
        assertThat(echoing).as("machines called machines at %s dB echo return loss", ERL_DB).isGreaterThanOrEqualTo(clean);
    }
}
