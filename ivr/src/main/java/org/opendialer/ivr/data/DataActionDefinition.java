package org.opendialer.ivr.data;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An HTTP request to a customer's service and how its JSON answer becomes flow variables.
 *
 * @param name          what flows call it by ({@code crm.contactByPhone})
 * @param request       the request, with Mustache templates over the node's inputs
 * @param auth          how the request authenticates
 * @param inputPatterns input name to the pattern its value must match before it is put in a request (an input that
 *                      does not match fails the action: a caller cannot inject into a query)
 * @param recordPath    JSONPath that must find a non-empty value for the answer to hold a record; otherwise the
 *                      result is "not found" (null: every 2xx answer holds one)
 * @param outputs       output name to a JSONPath into the answer ({@code $.records[0].Name}), or to a Mustache
 *                      template over the inputs and the JSONPath outputs ({@code https://crm/contact/{{id}}})
 * @param timeout       default time budget when the node gives none
 */
public record DataActionDefinition(String name, Request request, Auth auth, Map<String, Pattern> inputPatterns,
                                   String recordPath, Map<String, String> outputs, Duration timeout) {

    public DataActionDefinition {
        inputPatterns = Map.copyOf(inputPatterns);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    /**
     * @param url     template; values are percent-encoded
     * @param query   query parameters, templates rendered as text then form-encoded
     * @param headers header templates, rendered as text
     * @param body    JSON body template (values JSON-escaped), or null for none
     */
    public record Request(String method, String url, Map<String, String> query, Map<String, String> headers, String body) {
        public Request {
            query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
            headers = Map.copyOf(headers);
        }

        public static Request get(String url, Map<String, String> query) {
            return new Request("GET", url, query, Map.of(), null);
        }
    }

    /** How a request authenticates to the service. */
    public sealed interface Auth {

        record None() implements Auth {
        }

        /** RFC 7617. */
        record Basic(String user, String password) implements Auth {
        }

        /** A fixed token (RFC 6750). */
        record Bearer(String token) implements Auth {
        }

        /**
         * OAuth2 client credentials (RFC 6749 section 4.4): a token is fetched from {@code tokenUrl} with the client's
         * id and secret (HTTP Basic) and reused until shortly before it expires.
         */
        record ClientCredentials(String tokenUrl, String clientId, String clientSecret, String scope) implements Auth {
        }
    }
}
