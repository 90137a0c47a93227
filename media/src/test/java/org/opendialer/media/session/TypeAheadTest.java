package org.opendialer.media.session;

import org.junit.jupiter.api.Test;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.DtmfMode;
import org.opendialer.media.MediaBridge;
import org.opendialer.media.MediaSession;
import org.opendialer.media.Playable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys pressed while no collection runs (a person answering and pressing during the greeting, before the menu
 * listens) are kept for the next collection: two legs over 127.0.0.1 in virtual time, so "before" is exact.
 */
class TypeAheadTest {

    private static final CollectOptions ONE_KEY = new CollectOptions(1, (char) 0, Duration.ofSeconds(5),
            Duration.ofSeconds(5));

    @Test
    void aKeyPressedBeforeTheMenuListensIsCollectedAndItsPromptNeverStarts() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession person = net.leg("person");
            MediaSession dialer = net.leg("dialer");
            Loopback.connect(person, dialer);
            person.sendDtmf('9', DtmfMode.RFC4733); // RFC 2833 as SIPp's dtmf_2833_9.pcap sends it
            net.run(20);
            assertThat(dialer.stats().dtmfReceived()).as("the key reached the dialer before any menu").isEqualTo(1);

            CompletableFuture<String> menu = dialer.playAndCollect(Playable.Tone.single(440, Duration.ofSeconds(2)),
                    ONE_KEY).toCompletableFuture();
            net.run(1);
            assertThat(menu.get(1, TimeUnit.SECONDS)).isEqualTo("9");
            net.run(10);
            assertThat(dialer.firstAudioSentAtNanos()).as("the barged-in prompt was never sent").isEqualTo(-1);
        }
    }

    @Test
    void collectionsTakeTypeAheadInOrderAndLeaveTheRestForTheNextOne() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession person = net.leg("person");
            MediaSession dialer = net.leg("dialer");
            Loopback.connect(person, dialer);
            for (char c : "123".toCharArray()) {
                person.sendDtmf(c, DtmfMode.RFC4733);
            }
            net.run(40);
            CompletableFuture<String> two = dialer.collectDigits(new CollectOptions(2, (char) 0,
                    Duration.ofSeconds(5), Duration.ofSeconds(5))).toCompletableFuture();
            net.run(1);
            assertThat(two.get(1, TimeUnit.SECONDS)).isEqualTo("12");

            CompletableFuture<String> one = dialer.collectDigits(ONE_KEY).toCompletableFuture();
            net.run(1);
            assertThat(one.get(1, TimeUnit.SECONDS)).isEqualTo("3");

            // 5 finishes a collection; 6 comes before the next tick, while the finished one is still listed
            CompletableFuture<String> five = dialer.collectDigits(ONE_KEY).toCompletableFuture();
            dialer.signalDigit('5', 100);
            dialer.signalDigit('6', 100);
            net.run(1);
            assertThat(five.get(1, TimeUnit.SECONDS)).isEqualTo("5");
            CompletableFuture<Character> six = dialer.collectDigit(Duration.ofMillis(500)).toCompletableFuture();
            net.run(1);
            assertThat(six.get(1, TimeUnit.SECONDS)).isEqualTo('6');

            net.assertNoDigitFor(dialer); // the type-ahead is empty now
        }
    }

    @Test
    void typeAheadIsBoundedAndKeepsTheLatestKeys() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession dialer = net.leg("dialer");
            int pressed = DigitRouter.TYPE_AHEAD_LIMIT + 3;
            StringBuilder keys = new StringBuilder();
            for (int i = 0; i < pressed; i++) {
                char c = "0123456789*#".charAt(i % 12);
                keys.append(c);
                dialer.signalDigit(c, 100); // as SIP INFO hands them in
            }
            net.run(1);
            CompletableFuture<String> all = dialer.collectDigits(new CollectOptions(pressed, (char) 0,
                    Duration.ofMillis(200), Duration.ofMillis(200))).toCompletableFuture();
            net.run(20);
            assertThat(all.get(1, TimeUnit.SECONDS)).isEqualTo(keys.substring(3));
            assertThat(dialer.stats().dtmfTypeAheadDropped()).isEqualTo(3);
        }
    }

    @Test
    void keysPressedBeforeABridgeOrDuringItAreNoMenuChoiceAfterIt() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession customer = net.leg("customer");
            MediaSession customerLeg = net.leg("dialer-customer");
            MediaSession agent = net.leg("agent");
            MediaSession agentLeg = net.leg("dialer-agent");
            Loopback.connect(customer, customerLeg);
            Loopback.connect(agent, agentLeg);
            customer.sendDtmf('5', DtmfMode.RFC4733); // pressed during the greeting, no menu listening
            agent.sendDtmf('7', DtmfMode.RFC4733); // the agent's phone before the call reaches it
            net.run(20);
            assertThat(customerLeg.stats().dtmfReceived()).isEqualTo(1);
            assertThat(agentLeg.stats().dtmfReceived()).isEqualTo(1);

            MediaBridge.bridge(customerLeg, agentLeg); // transfer to the agent: what was typed ahead is dropped
            customer.sendDtmf('1', DtmfMode.RFC4733); // keys during the talk are for the agent, not for a menu
            net.run(20);
            MediaBridge.unbridge(customerLeg); // the agent leaves; the customer goes on to a survey menu
            net.run(1);

            net.assertNoDigitFor(customerLeg);
            net.assertNoDigitFor(agentLeg);
            // and a key pressed after the bridge ended is type-ahead again
            customer.sendDtmf('2', DtmfMode.RFC4733);
            net.run(20);
            CompletableFuture<Character> survey = customerLeg.collectDigit(Duration.ofMillis(500)).toCompletableFuture();
            net.run(1);
            assertThat(survey.get(1, TimeUnit.SECONDS)).isEqualTo('2');
        }
    }
}
