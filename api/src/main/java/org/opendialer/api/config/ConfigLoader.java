package org.opendialer.api.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the configuration: the reference file shipped in the {@code conf} module gives every default, the
 * operator's file is merged over it, then {@code DIALER_*} environment variables override single fields. Every
 * error becomes a {@link ConfigException} naming the source, the field and the reason; nothing is started
 * before the whole configuration is valid. Settings absent from list items (trunks) arrive as null or 0 and the
 * records apply their documented defaults or reject them.
 */
public final class ConfigLoader {

    /** Classpath location of the reference configuration (module {@code conf}). */
    public static final String REFERENCE = "conf/dialer.yaml";

    /** Environment variable to configuration field. */
    static final Map<String, String> ENV_FIELDS = envFields();

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Map<String, String> envFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("DIALER_API_HOST", "api.bindAddress");
        m.put("DIALER_API_PORT", "api.port");
        m.put("DIALER_SIP_HOST", "sip.bindAddress");
        m.put("DIALER_SIP_PORT", "sip.port");
        m.put("DIALER_DB_URL", "database.url");
        m.put("DIALER_DB_USER", "database.user");
        m.put("DIALER_DB_PASSWORD", "database.password");
        m.put("DIALER_DATA_DIR", "database.embedded.dataDir");
        m.put("DIALER_LOG_LEVEL", "logging.level");
        m.put("DIALER_LOG_FORMAT", "logging.format");
        m.put("DIALER_NODE_ID", "calls.nodeId");
        m.put("DIALER_SECRETS_KEY", "secrets.key");
        m.put("DIALER_SECRETS_KEY_FILE", "secrets.keyFile");
        m.put("DIALER_DNCCOM_URL", "externalDnc.dncComUrl");
        return Map.copyOf(m);
    }

    /**
     * @param file the operator's file, or null for the reference defaults alone
     * @param env  environment variables (pass {@code System.getenv()})
     */
    public DialerConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = readReference();
        String source = REFERENCE + " (built-in reference)";
        if (file != null) {
            source = file.toString();
            merge(tree, readFile(file));
        }
        Map<String, String> envSetFields = new LinkedHashMap<>();
        ENV_FIELDS.forEach((var, field) -> {
            String value = env.get(var);
            if (value != null) {
                set(tree, field, value);
                envSetFields.put(field, var);
            }
        });
        try {
            return yaml.treeToValue(tree, DialerConfig.class);
        } catch (JsonMappingException e) {
            throw describe(e, source, envSetFields);
        } catch (JacksonException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage());
        }
    }

    private ObjectNode readReference() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(REFERENCE)) {
            if (in == null) {
                throw new IllegalStateException("reference configuration " + REFERENCE + " missing from the classpath");
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readFile(Path file) {
        try {
            JsonNode node = yaml.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": the top level must be a mapping of sections (api:, database:, ...)");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(file + ": not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Deep merge of mappings; scalars and lists of {@code over} replace those of {@code base}. */
    static void merge(ObjectNode base, JsonNode over) {
        over.properties().forEach(entry -> {
            JsonNode existing = base.get(entry.getKey());
            if (existing instanceof ObjectNode baseChild && entry.getValue().isObject()) {
                merge(baseChild, entry.getValue());
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private static void set(ObjectNode tree, String dottedField, String value) {
        String[] parts = dottedField.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.withObjectProperty(parts[i]);
        }
        node.set(parts[parts.length - 1], TextNode.valueOf(value));
    }

    private static ConfigException describe(JsonMappingException e, String source, Map<String, String> envSetFields) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String reason;
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            reason = "unknown setting (known here: " + known + ")";
        } else if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException iae) {
            // Records validate in their constructors as "field: reason".
            String msg = iae.getMessage();
            int colon = msg.indexOf(": ");
            if (colon > 0 && !msg.substring(0, colon).contains(" ")) {
                path = path.isEmpty() ? msg.substring(0, colon) : path + "." + msg.substring(0, colon);
                reason = msg.substring(colon + 2);
            } else {
                reason = msg;
            }
        } else {
            reason = e.getOriginalMessage();
        }
        String origin = envSetFields.containsKey(path) ? "environment variable " + envSetFields.get(path) : source;
        return new ConfigException(origin + ": " + (path.isEmpty() ? "" : path + ": ") + reason);
    }
}
