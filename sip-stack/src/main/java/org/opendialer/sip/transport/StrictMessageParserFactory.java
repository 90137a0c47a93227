package org.opendialer.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JAIN-SIP's parser with the request checks it is too lenient for (RFC 3261 §25 grammar, RFC 4475 §3.1.2): a
 * request that fails one is thrown back as a {@link ParseException}, which the stack answers with 400 and counts.
 * Responses pass unchanged. Installed through the stack property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 */
public final class StrictMessageParserFactory implements MessageParserFactory {

    /** Marks a request whose Request-Line names another SIP version, for the 505 of {@link RequestGuard}. */
    static final Object UNSUPPORTED_VERSION = new Object();

    /** Method SP Request-URI SP SIP-Version, single spaces, no LWS or angle brackets in the URI. */
    private static final Pattern REQUEST_LINE = Pattern.compile("^[A-Za-z0-9.!%*_+`'~-]+ [^\\s<>]+ SIP/\\d+\\.\\d+$");
    private static final Map<String, String> SINGLE = Map.ofEntries(
            Map.entry("from", "from"), Map.entry("f", "from"), Map.entry("to", "to"), Map.entry("t", "to"),
            Map.entry("call-id", "call-id"), Map.entry("i", "call-id"), Map.entry("cseq", "cseq"),
            Map.entry("max-forwards", "max-forwards"), Map.entry("content-length", "content-length"),
            Map.entry("l", "content-length"), Map.entry("content-type", "content-type"),
            Map.entry("c", "content-type"));
    private static final Pattern TOKEN_DISPLAY = Pattern.compile("[A-Za-z0-9.!%*_+`'~\\- \\t]*");

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        StringMsgParser lenient = new StringMsgParser();
        return (bytes, readBody, strict, listener) -> parse(stack, lenient, bytes, readBody, strict, listener);
    }

    private static SIPMessage parse(SIPTransactionStack stack, StringMsgParser parser, byte[] bytes,
                                    boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        boolean isRequest = bytes != null && bytes.length > 4 && !startsWith(bytes, "SIP/");
        String head = isRequest ? headerBlock(bytes) : "";
        if (isRequest) {
            checkRequest(head);
        }
        SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, listener);
        if (isRequest && message != null && !head.strip().lines().findFirst().orElse("").endsWith(" SIP/2.0")) {
            message.setApplicationData(UNSUPPORTED_VERSION);
        }
        if (message instanceof SIPRequest request
                && (request.getFrom() == null || request.getTo() == null || request.getCallId() == null)) {
            // JAIN-SIP would drop this silently: it cannot build its 400 without these headers. Answer it here.
            InsufficientHeaders.answer(stack, request);
            throw new ParseException("request without From, To or Call-ID", 0);
        }
        return message;
    }

    static void checkRequest(String head) throws ParseException {
        String[] lines = head.split("\r?\n");
        int first = 0;
        while (first < lines.length && lines[first].isEmpty()) {
            first++; // RFC 3261 §7.5: leading CRLFs before a request are tolerated
        }
        if (first == lines.length) {
            return;
        }
        String requestLine = lines[first];
        if (!REQUEST_LINE.matcher(requestLine).matches()) {
            throw new ParseException("malformed Request-Line: " + requestLine, 0);
        }
        String uri = requestLine.split(" ")[1].toLowerCase(Locale.ROOT);
        String hostPart = uri.substring(uri.lastIndexOf('@') + 1);
        if ((uri.startsWith("sip:") || uri.startsWith("sips:")) && hostPart.indexOf('?') >= 0) {
            throw new ParseException("headers are not allowed in a Request-URI", 0);
        }
        Map<String, Integer> seen = new HashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (int i = first + 1; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                value.append(' ').append(line.trim()); // folded continuation line
                continue;
            }
            if (name != null) {
                checkHeader(name, value.toString().trim(), seen);
            }
            int colon = line.indexOf(':');
            name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
            value.setLength(0);
            if (colon > 0) {
                value.append(line.substring(colon + 1));
            }
        }
    }

    private static void checkHeader(String name, String value, Map<String, Integer> seen) throws ParseException {
        String single = SINGLE.get(name);
        if (single != null && seen.merge(single, 1, Integer::sum) > 1) {
            throw new ParseException("more than one " + single + " header", 0);
        }
        boolean address = "from".equals(single) || "to".equals(single) || name.equals("contact")
                || name.equals("m");
        if (!address) {
            return;
        }
        int lt = value.indexOf('<');
        if (lt < 0) {
            // addr-spec form: a URI with headers must be a name-addr (RFC 3261 §20.10).
            if (value.indexOf('?') >= 0) {
                throw new ParseException(name + ": URI with headers must be enclosed in <>", 0);
            }
            return;
        }
        int gt = value.indexOf('>', lt);
        if (gt < 0 || Character.isWhitespace(value.charAt(lt + 1)) || Character.isWhitespace(value.charAt(gt - 1))) {
            throw new ParseException(name + ": whitespace or missing '>' around the addr-spec", 0);
        }
        String display = value.substring(0, lt).trim();
        if (!display.startsWith("\"") && !TOKEN_DISPLAY.matcher(display).matches()) {
            throw new ParseException(name + ": display name must be tokens or a quoted string", 0);
        }
    }

    private static String headerBlock(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        return end < 0 ? text : text.substring(0, end);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
