package org.opendialer.ivr.data;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.opendialer.ivr.data.DataActionDefinition.Auth;
import org.opendialer.ivr.data.DataActionDefinition.Request;

/**
 * Ready-made lookups for three CRMs' REST shapes, by caller number ({@code phone} input) and by account number
 * ({@code account} input). Every preset gives the same outputs, so a flow does not change with the CRM:
 * {@code id, name, firstName, phone, tier, priorityAccount, product, nps, recordUrl} (a link to the record in the
 * CRM's own UI for the agent's screen pop). Tier, priority account, product and NPS are custom fields; their API
 * names below are the ones this project assumes (change them with the definition's outputs).
 *
 * <p>Inputs are checked against {@link #PHONE} and {@link #ACCOUNT} before they go into a SOQL or OData string, so
 * a value can never close the quoted literal.
 */
public final class CrmPresets {

    /** E.164 or bare digits. */
    public static final Pattern PHONE = Pattern.compile("\\+?[0-9]{3,16}");
    /** Letters, digits and dashes. */
    public static final Pattern ACCOUNT = Pattern.compile("[0-9A-Za-z-]{1,32}");
    private static final Duration BUDGET = Duration.ofMillis(1500);

    private CrmPresets() {
    }

    /**
     * Salesforce REST API "query" resource ({@code GET /services/data/vXX.X/query?q=SOQL}); the answer is
     * {@code {totalSize, done, records: [{attributes: {type, url}, Id, ...}]}}.
     */
    public static DataActionDefinition salesforce(String name, String instanceUrl, String apiVersion, Auth auth, boolean byAccount) {
        String where = byAccount ? "Account.AccountNumber = '{{account}}'" : "Phone = '{{phone}}'";
        String soql = "SELECT Id, Name, FirstName, Phone, Account.AccountNumber, Account.Tier__c,"
                + " Account.Priority_Account__c, Product__c, NPS__c FROM Contact WHERE " + where + " LIMIT 1";
        Map<String, String> outputs = outputs("$.records[0].", "Id", "Name", "FirstName", "Phone", "Account.Tier__c",
                "Account.Priority_Account__c", "Product__c", "NPS__c");
        outputs.put("recordUrl", instanceUrl + "/lightning/r/Contact/{{id}}/view");
        return new DataActionDefinition(name, Request.get(instanceUrl + "/services/data/v" + apiVersion + "/query",
                Map.of("q", soql)), auth, patterns(byAccount), "$.records[0]", outputs, BUDGET);
    }

    /**
     * Zendesk Support "Search Users" ({@code GET /api/v2/users/search?query=} or {@code ?external_id=}; the account
     * number is the user's external id); the answer is {@code {users: [{id, url, name, phone, external_id,
     * user_fields: {...}}], count, next_page, previous_page}}. Zendesk has no first-name field: {@code firstName}
     * is the user's name.
     */
    public static DataActionDefinition zendesk(String name, String baseUrl, Auth auth, boolean byAccount) {
        Map<String, String> query = byAccount ? Map.of("external_id", "{{account}}") : Map.of("query", "{{phone}}");
        Map<String, String> outputs = outputs("$.users[0].", "id", "name", "name", "phone", "user_fields.tier",
                "user_fields.priority_account", "user_fields.product", "user_fields.nps");
        outputs.put("recordUrl", baseUrl + "/agent/users/{{id}}");
        return new DataActionDefinition(name, Request.get(baseUrl + "/api/v2/users/search.json", query), auth,
                patterns(byAccount), "$.users[0]", outputs, BUDGET);
    }

    /**
     * Dynamics 365 / Dataverse Web API, contacts filtered with OData ({@code GET /api/data/v9.2/contacts?$select=
     * ...&$filter=telephone1 eq '...'&$top=1}; by account through the parent account's {@code accountnumber});
     * the answer is {@code {@odata.context, value: [{@odata.etag, contactid, fullname, ...}]}}. Custom columns use
     * the default publisher prefix {@code new_}.
     */
    public static DataActionDefinition dynamics(String name, String orgUrl, Auth auth, boolean byAccount) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$select", "contactid,fullname,firstname,telephone1,new_tier,new_priorityaccount,new_product,new_nps");
        query.put("$filter", byAccount ? "parentcustomerid_account/accountnumber eq '{{account}}'" : "telephone1 eq '{{phone}}'");
        query.put("$top", "1");
        Map<String, String> outputs = outputs("$.value[0].", "contactid", "fullname", "firstname", "telephone1",
                "new_tier", "new_priorityaccount", "new_product", "new_nps");
        outputs.put("recordUrl", orgUrl + "/main.aspx?pagetype=entityrecord&etn=contact&id={{id}}");
        Request request = new Request("GET", orgUrl + "/api/data/v9.2/contacts", query,
                Map.of("OData-MaxVersion", "4.0", "OData-Version", "4.0"), null);
        return new DataActionDefinition(name, request, auth, patterns(byAccount), "$.value[0]", outputs, BUDGET);
    }

    /** The common outputs, in order, from the vendor's field names under {@code prefix}. */
    private static Map<String, String> outputs(String prefix, String... fields) {
        String[] names = {"id", "name", "firstName", "phone", "tier", "priorityAccount", "product", "nps"};
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], prefix + fields[i]);
        }
        return out;
    }

    private static Map<String, Pattern> patterns(boolean byAccount) {
        return byAccount ? Map.of("account", ACCOUNT) : Map.of("phone", PHONE);
    }
}
