package org.opendialer.notifications.messaging;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendialer.messaging.sms.SmsEncoding;
import org.opendialer.messaging.sms.SmsSegments;

/**
 * Mustache templates over a contact's columns. Text templates (SMS, email text) are not HTML-escaped; HTML
 * templates are. Also the link check the seed asks for: a link must not straddle two SMS parts.
 */
public final class Templates {

    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");

    private static final DefaultMustacheFactory TEXT = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException(e);
            }
        }
    };
    private static final DefaultMustacheFactory HTML = new DefaultMustacheFactory();

    private Templates() {
    }

    /** @throws IllegalArgumentException when the template does not parse */
    public static String text(String template, Map<String, ?> values) {
        return render(TEXT, template, values);
    }

    public static String html(String template, Map<String, ?> values) {
        return render(HTML, template, values);
    }

    /** Parses without rendering; the message says what is wrong. */
    public static void check(String template) {
        render(TEXT, template, Map.of());
    }

    /** Compiled templates by text (a campaign renders one template per contact); bounded, cleared when full. */
    private static final int CACHE_LIMIT = 256;
    private static final Map<String, Mustache> TEXT_CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Mustache> HTML_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static String render(DefaultMustacheFactory f, String template, Map<String, ?> values) {
        if (template == null) {
            return "";
        }
        try {
            Map<String, Mustache> cache = f == TEXT ? TEXT_CACHE : HTML_CACHE;
            Mustache m = cache.get(template);
            if (m == null) {
                m = f.compile(new StringReader(template), "template");
                if (cache.size() >= CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(template, m);
            }
            StringWriter out = new StringWriter();
            m.execute(out, values).flush();
            return out.toString();
        } catch (MustacheException | IOException e) {
            throw new IllegalArgumentException("template: " + e.getMessage());
        }
    }

    /**
     * Warnings for an SMS text: every link cut by a part boundary, and, per the seed's advice, any link in a
     * message longer than one SMS (the handset may show the parts apart).
     */
    public static List<String> smsLinkWarnings(String text) {
        List<String> out = new ArrayList<>();
        SmsSegments seg = SmsSegments.of(text);
        Matcher m = LINK.matcher(text);
        boolean anyLink = false;
        while (m.find()) {
            anyLink = true;
            for (int b : seg.boundaries()) {
                if (b > m.start() && b < m.end()) {
                    out.add("the link " + m.group() + " would be split between SMS parts " + (seg.boundaries().indexOf(b) + 1)
                            + " and " + (seg.boundaries().indexOf(b) + 2) + "; shorten the message or move the link");
                }
            }
        }
        if (anyLink && seg.count() > 1) {
            int limit = seg.encoding() == SmsEncoding.GSM7 ? 160 : 70;
            out.add("the message has a link and is " + seg.count() + " SMS long; keep messages with links within "
                    + limit + " characters so the link arrives whole");
        }
        return out;
    }
}
