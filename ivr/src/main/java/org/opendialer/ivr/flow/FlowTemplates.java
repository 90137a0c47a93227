package org.opendialer.ivr.flow;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Mustache over flow variables, not HTML-escaped (the text goes to TTS, a URL or a header, never to a page). */
public final class FlowTemplates {

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

    private FlowTemplates() {
    }

    /**
     * Names of the variables {@code template} reads (the first segment of a dotted name).
     *
     * @throws IllegalArgumentException when the template does not parse
     */
    public static Set<String> variables(String template) {
        Set<String> out = new LinkedHashSet<>();
        collect(compile(template).getCodes(), out);
        return out;
    }

    public static String render(String template, Map<String, ?> values) {
        StringWriter out = new StringWriter();
        try {
            compile(template).execute(out, values).flush();
        } catch (IOException | MustacheException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out.toString();
    }

    private static Mustache compile(String template) {
        try {
            return TEXT.compile(new StringReader(template == null ? "" : template), "flow");
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
