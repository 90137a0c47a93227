package org.opendialer.contacts.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opendialer.store.testing.TestDb;

class ConsentLedgerTest {

    private final ConsentLedger ledger = new ConsentLedger(TestDb.dataSource(), new Addresses("US"));

    @Test
    void phoneNumbersAreOneEntryWhateverTheirSpelling() {
        ledger.add(ContactChannel.PHONE, "(555) 201-0001", ConsentSource.IVR_OPTOUT, "pressed 9");
        assertThat(ledger.isBlocked(ContactChannel.PHONE, "+15552010001")).isTrue();
        assertThat(ledger.isBlocked(ContactChannel.PHONE, "+1 555 201 0001")).isTrue();
        assertThat(ledger.isBlocked(ContactChannel.EMAIL, "+15552010001")).isFalse();
        assertThat(ledger.find(ContactChannel.PHONE, "5552010001")).get()
                .satisfies(e -> {
                    assertThat(e.address()).isEqualTo("+15552010001");
                    assertThat(e.source()).isEqualTo(ConsentSource.IVR_OPTOUT);
                });
    }

    @Test
    void emailIsCaseInsensitiveAndRemovalIsAnOptIn() {
        ledger.add(ContactChannel.EMAIL, "Bob@Example.ORG", ConsentSource.UNSUBSCRIBE_LINK, null);
        assertThat(ledger.isBlocked(ContactChannel.EMAIL, "bob@example.org")).isTrue();
        assertThat(ledger.remove(ContactChannel.EMAIL, "bob@example.org", ConsentSource.API, "asked to resubscribe")).isTrue();
        assertThat(ledger.isBlocked(ContactChannel.EMAIL, "bob@example.org")).isFalse();
        assertThat(ledger.remove(ContactChannel.EMAIL, "bob@example.org", ConsentSource.API, null)).isFalse();
    }

    @Test
    void invalidAddressesAreRefusedOnAddAndNeverBlocked() {
        assertThatThrownBy(() -> ledger.add(ContactChannel.PHONE, "12", ConsentSource.API, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid phone number");
        assertThatThrownBy(() -> ledger.add(ContactChannel.EMAIL, "nobody", ConsentSource.API, null))
                .hasMessageContaining("not a valid email");
        assertThat(ledger.isBlocked(ContactChannel.PHONE, "junk")).isFalse();
    }
}
