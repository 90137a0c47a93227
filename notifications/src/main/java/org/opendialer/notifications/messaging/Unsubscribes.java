package org.opendialer.notifications.messaging;

import java.util.Optional;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;

/** RFC 8058 one-click unsubscribe: the token of an email's List-Unsubscribe URL puts its recipient on the email DNC. */
public final class Unsubscribes {

    private final MessageStore store;
    private final ConsentLedger ledger;

    public Unsubscribes(MessageStore store, ConsentLedger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    /** @return the address now blocked, or empty when the token names no message we sent */
    public Optional<String> oneClick(String token) {
        if (token == null || token.length() < 16 || token.length() > 64) {
            return Optional.empty();
        }
        return store.byUnsubscribeToken(token).filter(m -> m.channel() == Channel.EMAIL).map(m -> {
            ledger.add(ContactChannel.EMAIL, m.to(), ConsentSource.UNSUBSCRIBE_LINK, "one-click unsubscribe, message " + m.id());
            return m.to();
        });
    }
}
