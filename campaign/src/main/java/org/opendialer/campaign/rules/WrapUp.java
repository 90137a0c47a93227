package org.opendialer.campaign.rules;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.store.Jdbc;

/** Applies the wrap-up rules for an attempt's result: schedule a callback, add the number to a DNC list, set a column. */
public final class WrapUp {

    private final Jdbc jdbc;
    private final ConsentLedger ledger;
    private final DncEntries dnc;

    public WrapUp(DataSource ds, ConsentLedger ledger) {
        this.jdbc = new Jdbc(ds);
        this.ledger = ledger;
        this.dnc = new DncEntries(ds, new DncLists(ds), ledger);
    }

    public void apply(List<RuleSet> sets, String result, UUID listId, String contactId, String number, Instant at) {
        for (RuleSet set : sets) {
            for (RuleSet.Rule r : set.rules()) {
                if (r.category() != RuleSet.Category.WRAP_UP || !r.result().equals(result)) {
                    continue;
                }
                for (RuleSet.Action a : r.actions()) {
                    switch (a.type()) {
                        case SCHEDULE_CALLBACK -> update(listId, contactId, "UPDATE contact SET callback_at = ?",
                                Timestamp.from(at.plusSeconds(Long.parseLong(a.value()))));
                        case ADD_TO_DNC -> {
                            if (a.listId() == null || a.listId().equals(DncLists.INTERNAL)) {
                                ledger.add(ContactChannel.PHONE, number, ConsentSource.API, "wrap-up rule of rule set " + set.name());
                            } else {
                                dnc.add(a.listId(), ContactChannel.PHONE, List.of(number), null);
                            }
                        }
                        case UPDATE_COLUMN -> update(listId, contactId,
                                "UPDATE contact SET data = jsonb_set(data, ARRAY['" + a.column().replace("'", "''") + "'], to_jsonb(?::text))",
                                a.value() == null ? "" : a.value());
                        default -> { }
                    }
                }
            }
        }
    }

    private void update(UUID listId, String contactId, String set, Object value) {
        jdbc.with("wrap-up rule", c -> {
            try (PreparedStatement st = c.prepareStatement(set + " WHERE list_id = ? AND id = ?")) {
                st.setObject(1, value);
                st.setObject(2, listId);
                st.setString(3, contactId);
                return st.executeUpdate();
            }
        });
    }
}
