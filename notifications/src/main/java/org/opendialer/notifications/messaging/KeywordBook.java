package org.opendialer.notifications.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Recognises keywords in inbound SMS, per sender number (our short or long code): the default set plus each
 * sender's custom or localised words. A message is a keyword when, trimmed and without closing punctuation, it is
 * exactly one (case-insensitive): "Stop." is, "please stop texting" is not (that goes to a person instead).
 */
public final class KeywordBook {

    /** What a keyword asks for. */
    public enum Kind { OPT_OUT, OPT_IN, HELP }

    /** A recognised keyword and the reply to send. */
    public record Match(Kind kind, String keyword, String reply) {
    }

    /** Keywords of one of our sender addresses. */
    public record SenderKeywords(String address, KeywordSet keywords) {
    }

    private final KeywordSet defaults;
    private final Map<String, KeywordSet> bySender;

    public KeywordBook(KeywordSet defaults, List<SenderKeywords> senders) {
        this.defaults = defaults;
        this.bySender = senders.stream().collect(Collectors.toMap(s -> normalise(s.address()),
                s -> s.keywords().over(defaults), (a, b) -> b));
    }

    public KeywordSet forSender(String sender) {
        return bySender.getOrDefault(normalise(sender), defaults);
    }

    public Optional<Match> match(String sender, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.strip().replaceAll("[.!?¡¿\\s]+$", "").toUpperCase(Locale.ROOT);
        KeywordSet set = forSender(sender);
        if (set.optOut().contains(word)) {
            return Optional.of(new Match(Kind.OPT_OUT, word, set.optOutReply()));
        }
        if (set.optIn().contains(word)) {
            return Optional.of(new Match(Kind.OPT_IN, word, set.optInReply()));
        }
        if (set.help().contains(word)) {
            return Optional.of(new Match(Kind.HELP, word, set.helpReply()));
        }
        return Optional.empty();
    }

    private static String normalise(String address) {
        return address == null ? "" : address.startsWith("+") ? address.substring(1) : address;
    }
}
