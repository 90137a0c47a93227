package org.opendialer.notifications.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendialer.notifications.voice.NotificationStep.ANALYSING;
import static org.opendialer.notifications.voice.NotificationStep.ANSWERED;
import static org.opendialer.notifications.voice.NotificationStep.ENDED;
import static org.opendialer.notifications.voice.NotificationStep.GOODBYE;
import static org.opendialer.notifications.voice.NotificationStep.HANGING_UP;
import static org.opendialer.notifications.voice.NotificationStep.HUMAN_MESSAGE;
import static org.opendialer.notifications.voice.NotificationStep.MACHINE_MESSAGE;
import static org.opendialer.notifications.voice.NotificationStep.MACHINE_WAIT;
import static org.opendialer.notifications.voice.NotificationStep.MESSAGE_ANALYSING;
import static org.opendialer.notifications.voice.NotificationStep.TRANSFERRING;

import org.junit.jupiter.api.Test;

class NotificationStepTest {

    @Test
    void asyncMessageStepLeadsToAPersonsStepsOrToTheMachineWaitOnly() {
        assertThat(ANSWERED.canMoveTo(MESSAGE_ANALYSING)).isTrue();
        assertThat(MESSAGE_ANALYSING.canMoveTo(MESSAGE_ANALYSING)).as("the next play while AMD listens").isTrue();
        assertThat(MESSAGE_ANALYSING.canMoveTo(HUMAN_MESSAGE)).isTrue();
        assertThat(MESSAGE_ANALYSING.canMoveTo(GOODBYE)).as("a key before the decision").isTrue();
        assertThat(MESSAGE_ANALYSING.canMoveTo(TRANSFERRING)).isTrue();
        assertThat(MESSAGE_ANALYSING.canMoveTo(MACHINE_WAIT)).as("MACHINE cuts the message").isTrue();
        assertThat(MESSAGE_ANALYSING.canMoveTo(MACHINE_MESSAGE)).as("a machine's message waits for the beep").isFalse();
        assertThat(MESSAGE_ANALYSING.canMoveTo(ANALYSING)).isFalse();
        assertThat(MESSAGE_ANALYSING.canMoveTo(HANGING_UP)).isTrue();
        assertThat(MESSAGE_ANALYSING.canMoveTo(ENDED)).isTrue();
    }

    @Test
    void onceAPersonOrAMachineIsDecidedTheMessageCannotGoBackToAnalysing() {
        assertThat(HUMAN_MESSAGE.canMoveTo(MESSAGE_ANALYSING)).isFalse();
        assertThat(MACHINE_WAIT.canMoveTo(MESSAGE_ANALYSING)).isFalse();
        assertThat(GOODBYE.canMoveTo(MESSAGE_ANALYSING)).isFalse();
        assertThat(ANALYSING.canMoveTo(MESSAGE_ANALYSING)).as("sync AMD speaks only after deciding").isFalse();
        assertThat(MESSAGE_ANALYSING.speaking()).isTrue();
        assertThat(HUMAN_MESSAGE.speaking()).isTrue();
        assertThat(MACHINE_WAIT.speaking()).isFalse();
    }
}
