package org.opendialer.contacts.dnc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ContactChannel;

/**
 * The columns of a DNC CSV, found by header name (case-insensitive), and the check of one row. A row holds a
 * phone number, an email address or both (one entry each) and an optional expiry: an ISO date (the entry expires
 * at the start of that day, UTC) or instant ({@code 2027-01-31T17:00:00Z}).
 */
final class DncRow {

    /** Accepted header names per role, compared without case, spaces, '_' or '-' ("Phone Number" = phonenumber). */
    static final Map<String, List<String>> COLUMNS = Map.of(
            "phone", List.of("phone", "phonenumber", "number"),
            "email", List.of("email", "emailaddress"),
            "expires", List.of("expires", "expiry", "expiration", "expirationdatetime", "expiresat"));

    private final int width;
    private final int phone;
    private final int email;
    private final int expires;

    private DncRow(int width, int phone, int email, int expires) {
        this.width = width;
        this.phone = phone;
        this.email = email;
        this.expires = expires;
    }

    /** @throws IllegalArgumentException naming what is wrong with the header */
    static DncRow header(List<String> names) {
        int phone = index(names, "phone");
        int email = index(names, "email");
        if (phone < 0 && email < 0) {
            throw new IllegalArgumentException("the header " + names + " names no phone or email column (accepted: "
                    + COLUMNS.get("phone") + ", " + COLUMNS.get("email") + ", and optionally " + COLUMNS.get("expires") + ")");
        }
        return new DncRow(names.size(), phone, email, index(names, "expires"));
    }

    private static int index(List<String> names, String role) {
        for (int i = 0; i < names.size(); i++) {
            if (COLUMNS.get(role).contains(names.get(i).toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", ""))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Appends the row's entries as COPY CSV lines to {@code out}.
     *
     * @return null, or why the row is refused (then nothing is appended)
     */
    String append(CSVRecord r, long line, boolean internal, Addresses addresses, StringBuilder out) {
        if (r.size() != width) {
            return "has " + r.size() + " cells, the header has " + width;
        }
        String phoneCell = phone < 0 ? "" : r.get(phone);
        String emailCell = email < 0 ? "" : r.get(email);
        if (phoneCell.isBlank() && emailCell.isBlank()) {
            return "has no phone number and no email address";
        }
        Optional<String> p = phoneCell.isBlank() ? Optional.empty() : addresses.canonical(ContactChannel.PHONE, phoneCell);
        if (!phoneCell.isBlank() && p.isEmpty()) {
            return "'" + phoneCell + "' is not a valid phone number";
        }
        Optional<String> e = emailCell.isBlank() ? Optional.empty() : Addresses.email(emailCell);
        if (!emailCell.isBlank() && e.isEmpty()) {
            return "'" + emailCell + "' is not a valid email address";
        }
        String expiresCell = expires < 0 ? "" : r.get(expires).strip();
        String exp = "";
        if (!expiresCell.isEmpty()) {
            if (internal) {
                return "the internal list holds opt-outs, which do not expire: leave the expiry empty";
            }
            try {
                exp = expiresCell.length() == 10 ? LocalDate.parse(expiresCell).atStartOfDay(ZoneOffset.UTC).toInstant().toString()
                        : Instant.parse(expiresCell).toString();
            } catch (DateTimeParseException bad) {
                return "'" + expiresCell + "' is not a date (2027-01-31) or an instant (2027-01-31T17:00:00Z)";
            }
        }
        String expires = exp;
        p.ifPresent(v -> row(out, line, ContactChannel.PHONE, v, expires));
        e.ifPresent(v -> row(out, line, ContactChannel.EMAIL, v, expires));
        return null;
    }

    private static void row(StringBuilder out, long line, ContactChannel channel, String address, String expires) {
        out.append(line).append(',').append(channel.name()).append(",\"").append(address.replace("\"", "\"\""))
                .append("\",").append(expires).append('\n');
    }
}
