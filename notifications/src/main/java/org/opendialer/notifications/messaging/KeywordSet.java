package org.opendialer.notifications.messaging;

import java.util.List;
import java.util.Locale;

/**
 * SMS keywords and their confirmation replies. A reply left empty falls back to the default set's.
 *
 * @param optOut      put the sender on the phone DNC (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT)
 * @param optIn       take it off again (START, YES, UNSTOP)
 * @param help        answer with {@code helpReply} (HELP, INFO)
 */
public record KeywordSet(List<String> optOut, List<String> optIn, List<String> help, String optOutReply,
                         String optInReply, String helpReply) {

    public KeywordSet {
        optOut = upper(optOut);
        optIn = upper(optIn);
        help = upper(help);
        optOutReply = optOutReply == null ? "" : optOutReply;
        optInReply = optInReply == null ? "" : optInReply;
        helpReply = helpReply == null ? "" : helpReply;
    }

    /** The CTIA standard keywords with English replies. */
    public static final KeywordSet STANDARD = new KeywordSet(
            List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"), List.of("START", "YES", "UNSTOP"),
            List.of("HELP", "INFO"),
            "You are unsubscribed and will receive no more messages. Reply START to subscribe again.",
            "You are subscribed again. Reply STOP to unsubscribe, HELP for help.",
            "Notifications. Reply STOP to unsubscribe. Msg & data rates may apply.");

    private static List<String> upper(List<String> words) {
        return words == null ? List.of() : words.stream().map(w -> w.strip().toUpperCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
    }

    /** This set's keywords added to {@code base}'s (standard keywords always work); replies override when given. */
    public KeywordSet over(KeywordSet base) {
        return new KeywordSet(concat(base.optOut, optOut), concat(base.optIn, optIn), concat(base.help, help),
                optOutReply.isEmpty() ? base.optOutReply : optOutReply, optInReply.isEmpty() ? base.optInReply : optInReply,
                helpReply.isEmpty() ? base.helpReply : helpReply);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }
}
