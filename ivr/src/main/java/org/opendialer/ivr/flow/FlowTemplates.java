package org.opendialer.ivr.flow;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Mustache over flow variables. Each value is escaped for where the text goes: as is for TTS and headers, percent-
 * encoded in a URL, JSON-string-escaped in a JSON body; never HTML-escaped (no text here goes to a page).
 */
public final class FlowTemplates {

    /** How a variable's value is written into the rendered text. */
    public enum Escape {
        NONE(UnaryOperator.identity()),
        URL(v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")),
        JSON(v -> new String(JsonStringEncoder.getInstance().quoteAsString(v)));

        private final DefaultMustacheFactory factory;

        Escape(UnaryOperator<String> encoder) {
            this.factory = new DefaultMustacheFactory() {
                @Override
                public void encode(String value, Writer writer) {
                    try {
                        writer.write(encoder.apply(value));
                    } catch (IOException e) {
                        throw new MustacheException(e);
                    }
                }
            };
        }
    }

    private FlowTemplates() {
    }

    /**
     * Names of the variables {@code template} reads (the first segment of a dotted name).
     *
     * @throws IllegalArgumentException when the template does not parse
     */
    public static Set<String> variables(String template) {
        Set<String> out = new LinkedHashSet<>();
        collect(compile(Escape.NONE, template).getCodes(), out);
        return out;
    }

    public static String render(String template, Map<String, ?> values) {
        return render(Escape.NONE, template, values);
    }

    public static String render(Escape escape, String template, Map<String, ?> values) {
        StringWriter out = new StringWriter();
        try {
            compile(escape, template).execute(out, values).flush();
        } catch (IOException | MustacheException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out.toString();
    }

    private static Mustache compile(Escape escape, String template) {
        try {
            return escape.factory.compile(new StringReader(template == null ? "" : template), "flow");
        } catch (MustacheException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void collect(Code[] codes, Set<String> out) {
        if (codes == null) {
            return;
        }
        for (Code c : codes) {
            String name = c.getName();
            if (name != null && !name.isEmpty() && !name.equals(".")) {
                out.add(name.split("\\.", 2)[0]);
            }
            collect(c.getCodes(), out);
        }
    }
}
