package org.opendialer.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordBookTest {

    private final KeywordBook book = new KeywordBook(KeywordSet.STANDARD, List.of(new KeywordBook.SenderKeywords("+33600000000",
            new KeywordSet(List.of("ARRET"), List.of("DEMARRER"), List.of("AIDE"), "Vous êtes désinscrit.", "", "Aide : ..."))));

    @Test
    void standardKeywordsAreRecognisedWholeAndCaseInsensitive() {
        for (String w : List.of("STOP", "stopall", "Unsubscribe", "cancel", "END", "quit", " Stop. ")) {
            assertThat(book.match("12345", w)).as(w).get().extracting(KeywordBook.Match::kind).isEqualTo(KeywordBook.Kind.OPT_OUT);
        }
        assertThat(book.match("12345", "help").get().kind()).isEqualTo(KeywordBook.Kind.HELP);
        assertThat(book.match("12345", "INFO").get().reply()).isEqualTo(KeywordSet.STANDARD.helpReply());
        for (String w : List.of("START", "yes", "UNSTOP")) {
            assertThat(book.match("12345", w).get().kind()).isEqualTo(KeywordBook.Kind.OPT_IN);
        }
        assertThat(book.match("12345", "please stop texting me")).isEmpty();
        assertThat(book.match("12345", "ARRET")).isEmpty();
    }

    @Test
    void aSenderHasItsOwnLocalisedKeywordsOnTopOfTheStandardOnes() {
        assertThat(book.match("33600000000", "arrêt")).isEmpty();
        assertThat(book.match("+33600000000", "Arret").get().reply()).isEqualTo("Vous êtes désinscrit.");
        assertThat(book.match("+33600000000", "STOP").get().reply()).isEqualTo("Vous êtes désinscrit.");
        assertThat(book.match("+33600000000", "DEMARRER").get().reply()).isEqualTo(KeywordSet.STANDARD.optInReply());
        assertThat(book.match("+33600000000", "AIDE").get().kind()).isEqualTo(KeywordBook.Kind.HELP);
    }
}
