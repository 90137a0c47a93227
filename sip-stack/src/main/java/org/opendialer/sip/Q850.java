package org.opendialer.sip;

import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Q.850 cause values and their mapping to and from SIP status codes: RFC 3398 §7.2.4.1 (cause to status) and §8.2.6.1
 * (status to cause), and the {@code Reason: Q.850;cause=N;text="..."} header of RFC 3326 that carries the exact cause
 * across SIP so a gateway's TDM cause survives.
 */
public final class Q850 {

    public static final int UNALLOCATED_NUMBER = 1;
    public static final int NORMAL_CLEARING = 16;
    public static final int USER_BUSY = 17;
    public static final int NO_USER_RESPONDING = 18;
    public static final int NO_ANSWER = 19;
    public static final int CALL_REJECTED = 21;
    public static final int NUMBER_CHANGED = 22;
    public static final int DESTINATION_OUT_OF_ORDER = 27;
    public static final int INVALID_NUMBER_FORMAT = 28;
    public static final int NORMAL_UNSPECIFIED = 31;
    public static final int NO_CIRCUIT_AVAILABLE = 34;
    public static final int NETWORK_OUT_OF_ORDER = 38;
    public static final int TEMPORARY_FAILURE = 41;
    public static final int SWITCHING_CONGESTION = 42;
    public static final int RECOVERY_ON_TIMER_EXPIRY = 102;
    public static final int INTERWORKING = 127;

    private static final Map<Integer, Integer> STATUS_TO_CAUSE = Map.ofEntries(
            Map.entry(400, 41), Map.entry(401, 21), Map.entry(402, 21), Map.entry(403, 21), Map.entry(404, 1),
            Map.entry(405, 63), Map.entry(406, 79), Map.entry(407, 21), Map.entry(408, 102), Map.entry(410, 22),
            Map.entry(413, 127), Map.entry(414, 127), Map.entry(415, 79), Map.entry(416, 127), Map.entry(420, 127),
            Map.entry(421, 127), Map.entry(423, 127), Map.entry(480, 18), Map.entry(481, 41), Map.entry(482, 25),
            Map.entry(483, 25), Map.entry(484, 28), Map.entry(485, 1), Map.entry(486, 17), Map.entry(487, 16),
            Map.entry(488, 127), Map.entry(500, 41), Map.entry(501, 79), Map.entry(502, 38), Map.entry(503, 41),
            Map.entry(504, 102), Map.entry(505, 127), Map.entry(513, 127), Map.entry(600, 17), Map.entry(603, 21),
            Map.entry(604, 1), Map.entry(606, 58));

    private static final Map<Integer, Integer> CAUSE_TO_STATUS = Map.ofEntries(
            Map.entry(1, 404), Map.entry(2, 404), Map.entry(3, 404), Map.entry(17, 486), Map.entry(18, 408),
            Map.entry(19, 480), Map.entry(20, 480), Map.entry(21, 403), Map.entry(22, 410), Map.entry(23, 410),
            Map.entry(26, 404), Map.entry(27, 502), Map.entry(28, 484), Map.entry(29, 501), Map.entry(31, 480),
            Map.entry(34, 503), Map.entry(38, 503), Map.entry(41, 503), Map.entry(42, 503), Map.entry(47, 503),
            Map.entry(55, 403), Map.entry(57, 403), Map.entry(58, 503), Map.entry(65, 488), Map.entry(70, 488),
            Map.entry(79, 501), Map.entry(87, 403), Map.entry(88, 503), Map.entry(102, 504), Map.entry(111, 500),
            Map.entry(127, 500));

    private static final Pattern REASON = Pattern.compile(
            "^\\s*Q\\.850\\s*;(?:.*;)?\\s*cause\\s*=\\s*(\\d{1,3})", Pattern.CASE_INSENSITIVE);

    private Q850() { }

    /** RFC 3398 §8.2.6.1; statuses it does not list map by class (4xx/5xx to 31 or 41, 6xx to 31). */
    public static int fromSipStatus(int status) {
        Integer cause = STATUS_TO_CAUSE.get(status);
        if (cause != null) {
            return cause;
        }
        return status >= 500 && status < 600 ? TEMPORARY_FAILURE : NORMAL_UNSPECIFIED;
    }

    /** RFC 3398 §7.2.4.1; a cause it does not list maps to 500 (or 480 for the normal class 16..31). */
    public static int toSipStatus(int cause) {
        Integer status = CAUSE_TO_STATUS.get(cause);
        if (status != null) {
            return status;
        }
        return cause >= 16 && cause <= 31 ? 480 : 500;
    }

    /** The cause of a {@code Reason} header value, if it is a Q.850 one (RFC 3326 §2). */
    public static OptionalInt parseReason(String headerValue) {
        if (headerValue == null) {
            return OptionalInt.empty();
        }
        for (String value : headerValue.split(",")) {
            Matcher m = REASON.matcher(value);
            if (m.find()) {
                int cause = Integer.parseInt(m.group(1));
                if (cause >= 1 && cause <= 127) {
                    return OptionalInt.of(cause);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** A {@code Reason} header value for a cause, e.g. {@code Q.850;cause=17;text="User busy"}. */
    public static String reasonHeader(int cause) {
        return "Q.850;cause=" + cause + ";text=\"" + text(cause) + "\"";
    }

    public static Disposition disposition(int cause) {
        return switch (cause) {
            case 16, 31 -> Disposition.NORMAL;
            case 17 -> Disposition.BUSY;
            case 18, 19, 20 -> Disposition.NO_ANSWER;
            case 21, 55, 57, 87 -> Disposition.REJECTED;
            case 1, 2, 3, 26 -> Disposition.UNALLOCATED_NUMBER;
            case 22, 23 -> Disposition.NUMBER_CHANGED;
            case 28 -> Disposition.INVALID_NUMBER;
            case 34, 41, 42, 44, 47, 58, 88 -> Disposition.CONGESTION;
            case 27, 38, 102 -> Disposition.NETWORK_FAILURE;
            case 63, 65, 70, 79 -> Disposition.NOT_ACCEPTABLE;
            default -> Disposition.FAILED;
        };
    }

    /** ITU-T Q.850 Table 1 names for the causes a dialer meets; others read "Cause N". */
    public static String text(int cause) {
        return switch (cause) {
            case 1 -> "Unallocated number";
            case 2 -> "No route to network";
            case 3 -> "No route to destination";
            case 16 -> "Normal call clearing";
            case 17 -> "User busy";
            case 18 -> "No user responding";
            case 19 -> "No answer from user";
            case 20 -> "Subscriber absent";
            case 21 -> "Call rejected";
            case 22 -> "Number changed";
            case 27 -> "Destination out of order";
            case 28 -> "Invalid number format";
            case 31 -> "Normal, unspecified";
            case 34 -> "No circuit/channel available";
            case 38 -> "Network out of order";
            case 41 -> "Temporary failure";
            case 42 -> "Switching equipment congestion";
            case 58 -> "Bearer capability not presently available";
            case 79 -> "Service or option not implemented";
            case 102 -> "Recovery on timer expiry";
            case 111 -> "Protocol error, unspecified";
            case 127 -> "Interworking, unspecified";
            default -> "Cause " + cause;
        };
    }

}
