package org.opendialer.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which {@link Behaviour} a dialled number gets: rules tried in order, each a regular expression matched against
 * the number's digits (no {@code +}, spaces or dashes). A number no rule matches is {@link Behaviour#UNREACHABLE}.
 *
 * <p>The text form ({@link #parse}) is one rule a line: {@code <regex> <behaviour> [key=<digit>] [ring=<seconds>]};
 * {@code #} starts a comment. {@link #defaults()} is the table docs/DEMO.md documents.
 */
public final class PatternTable {

    /**
     * One rule.
     *
     * @param digits    matched against the whole digit string of the dialled number
     * @param key       the digit a {@link Behaviour#PERSON} presses after hearing a prompt, or 0 for none
     * @param ring      how long it rings before answering (or before refusing)
     */
    public record Rule(Pattern digits, Behaviour behaviour, char key, Duration ring) {
        public Rule {
            if (key != 0 && "0123456789*#".indexOf(key) < 0) {
                throw new IllegalArgumentException("key: must be one of 0-9 * #, was '" + key + "'");
            }
            if (ring.isNegative()) {
                throw new IllegalArgumentException("ring: must not be negative");
            }
        }

        public String regex() {
            return digits.pattern();
        }
    }

    /** The demo's fictional range: North American 555-0100 to 555-0199 numbers are reserved for fiction. */
    public static final String DEMO_PREFIX = "1201555010";

    private static final String DEFAULT_TEXT = """
            # by the last digit of any number; +1 201 555 0100..0109 is the demo list
            .*0  person  ring=3
            .*1  person  ring=2
            .*2  person  key=1 ring=2
            .*3  voicemail  ring=4
            .*4  voicemail  ring=2
            .*5  busy
            .*6  no_answer
            .*7  sit
            .*8  fax  ring=1
            .*9  unreachable
            """;

    private final List<Rule> rules;

    public PatternTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The documented default: the last digit of the number decides (see docs/DEMO.md). */
    public static PatternTable defaults() {
        return parse(DEFAULT_TEXT);
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException naming the line of the first bad rule
     */
    public static PatternTable parse(String text) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                rules.add(rule(line.split("\\s+")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("demo patterns, line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new PatternTable(rules);
    }

    private static Rule rule(String[] f) {
        if (f.length < 2) {
            throw new IllegalArgumentException("need '<regex> <behaviour> [key=<digit>] [ring=<seconds>]'");
        }
        Behaviour b;
        try {
            b = Behaviour.valueOf(f[1].toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown behaviour '" + f[1] + "' (known: "
                    + List.of(Behaviour.values()).toString().toLowerCase(Locale.ROOT) + ")");
        }
        char key = 0;
        Duration ring = Duration.ofSeconds(b == Behaviour.VOICEMAIL ? 3 : 2);
        for (int i = 2; i < f.length; i++) {
            String[] kv = f[i].split("=", 2);
            switch (kv[0]) {
                case "key" -> key = kv.length == 2 && kv[1].length() == 1 ? kv[1].charAt(0) : '?';
                case "ring" -> ring = Duration.ofMillis(Math.round(Double.parseDouble(kv.length == 2 ? kv[1] : "x") * 1000));
                default -> throw new IllegalArgumentException("unknown option '" + f[i] + "' (known: key, ring)");
            }
        }
        try {
            return new Rule(Pattern.compile(f[0]), b, key, ring);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex '" + f[0] + "': " + e.getDescription());
        }
    }

    /** The first rule matching {@code number}'s digits; a rule for {@link Behaviour#UNREACHABLE} when none does. */
    public Rule match(String number) {
        String digits = number == null ? "" : number.replaceAll("[^0-9]", "");
        for (Rule r : rules) {
            if (r.digits().matcher(digits).matches()) {
                return r;
            }
        }
        return new Rule(Pattern.compile(".*"), Behaviour.UNREACHABLE, (char) 0, Duration.ZERO);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** One demo number (E.164, in the fictional range) per default rule: +12015550100 .. +12015550109. */
    public static List<String> demoNumbers() {
        List<String> out = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            out.add("+" + DEMO_PREFIX + d);
        }
        return out;
    }
}
