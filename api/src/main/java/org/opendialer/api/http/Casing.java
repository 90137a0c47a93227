package org.opendialer.api.http;

import java.util.Locale;

/**
 * The API's one enum casing: lowerCamelCase ({@code queued}, {@code noAnswer}, {@code earlyMedia},
 * {@code endOfGreeting}), as the Genesys Cloud platform writes most of its enums. Stored values keep their own
 * form (Java enum names, older snake_case timeline types); they are turned into this form at the edge, so rows
 * written before the change read the same as new ones.
 */
public final class Casing {

    private Casing() {
    }

    /** {@code NO_ANSWER}, {@code no_answer}, {@code noAnswer} all give {@code noAnswer}; null stays null. */
    public static String camel(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        boolean upper = name.equals(name.toUpperCase(Locale.ROOT));
        StringBuilder b = new StringBuilder(name.length());
        boolean capitalise = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '-' || c == ' ') {
                capitalise = b.length() > 0;
            } else if (capitalise) {
                b.append(Character.toUpperCase(c));
                capitalise = false;
            } else {
                b.append(b.isEmpty() || upper ? Character.toLowerCase(c) : c);
            }
        }
        return b.toString();
    }

    public static String camel(Enum<?> e) {
        return e == null ? null : camel(e.name());
    }

    /** The constant of {@code type} written {@code value} in API casing ({@code endOfGreeting} is END_OF_GREETING). */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (camel(e).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + value);
    }
}
