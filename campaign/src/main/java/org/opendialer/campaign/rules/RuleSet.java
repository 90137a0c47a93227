package org.opendialer.campaign.rules;

import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.ResultKind;

/**
 * A rule set (Genesys "rulesets"): pre-call rules, asked before the gate's compliance checks (which no rule can
 * bypass), and wrap-up rules, applied when an attempt's result is stored. Id, dates and version come from the store.
 */
public record RuleSet(UUID id, String name, List<Rule> rules, Instant dateCreated, Instant dateModified, int version) {

    public RuleSet {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be empty");
        }
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    @EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
    public enum Category { PRE_CALL, WRAP_UP }

    @EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
    public enum ActionType {
        /** pre-call: do not dial now */
        SKIP,
        /** pre-call: never dial again (contact.callable = false) */
        MARK_UNCALLABLE,
        /** pre-call: this call's caller ID number */
        SET_CALLER_ID,
        /** pre-call: the "dial next" flag ({@code value} true/false) */
        SET_PRIORITY,
        /** pre-call: dial this phone column only */
        USE_PHONE_COLUMN,
        /** wrap-up: dial again after {@code value} seconds, whatever the result's retry delay */
        SCHEDULE_CALLBACK,
        /** wrap-up: add the dialled number to DNC list {@code listId} (absent: the internal list, the consent ledger) */
        ADD_TO_DNC,
        /** wrap-up: set {@code column} of the contact to {@code value} */
        UPDATE_COLUMN
    }

    /** What a rule does; which fields count depends on the type. */
    public record Action(ActionType type, String value, String column, UUID listId) {
        public Action {
            if (type == null) {
                throw new IllegalArgumentException("rules.actions.type: required");
            }
            if ((type == ActionType.USE_PHONE_COLUMN || type == ActionType.UPDATE_COLUMN) && (column == null || column.isBlank())) {
                throw new IllegalArgumentException("rules.actions.column: required for " + type);
            }
            if (type == ActionType.SCHEDULE_CALLBACK) {
                try {
                    if (Long.parseLong(value) < 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException | NullPointerException e) {
                    throw new IllegalArgumentException("rules.actions.value: seconds (at least 0) for scheduleCallback");
                }
            }
        }
    }

    /**
     * @param conditions pre-call: all must hold on the contact's columns (none: always)
     * @param result     wrap-up: the attempt result it applies to ({@code busy}, {@code human}, ...)
     */
    public record Rule(String name, Category category, List<CampaignSettings.Filter> conditions, String result,
                       List<Action> actions) {
        public Rule {
            if (category == null) {
                throw new IllegalArgumentException("rules.category: required");
            }
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            actions = actions == null ? List.of() : List.copyOf(actions);
            if (category == Category.WRAP_UP && (result == null || ResultKind.ofWire(result).isEmpty())) {
                throw new IllegalArgumentException("rules.result: a wrap-up rule names an attempt result, not " + result);
            }
            for (Action a : actions) {
                boolean pre = a.type().ordinal() <= ActionType.USE_PHONE_COLUMN.ordinal();
                if (pre != (category == Category.PRE_CALL)) {
                    throw new IllegalArgumentException("rules.actions.type: " + a.type() + " is not a " + category + " action");
                }
            }
        }
    }

    public static RuleSet draft(String name, List<Rule> rules) {
        return new RuleSet(null, name, rules, null, null, 0);
    }
}
