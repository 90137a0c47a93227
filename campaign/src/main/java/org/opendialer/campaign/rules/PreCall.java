package org.opendialer.campaign.rules;

import java.util.List;

/**
 * What the pre-call rules whose conditions hold on a contact decide: the first rule to skip or retire it wins;
 * caller ID, priority and phone column are taken from the last rule that sets them.
 *
 * @param stop        the rule that skips (or retires) the contact, or null
 * @param uncallable  {@code stop} marks it uncallable
 * @param priority    the "dial next" flag to set, or null
 */
public record PreCall(String stop, boolean uncallable, String callerId, Boolean priority, String phoneColumn) {

    public static final PreCall NONE = new PreCall(null, false, null, null, null);

    /** The rules' decision for a contact; {@code holds} tells whether a condition holds on it. */
    public static PreCall of(List<RuleSet> sets, java.util.function.Predicate<org.opendialer.campaign.settings.CampaignSettings.Filter> holds) {
        String stop = null;
        boolean uncallable = false;
        String callerId = null;
        Boolean priority = null;
        String column = null;
        for (RuleSet set : sets) {
            for (RuleSet.Rule r : set.rules()) {
                if (r.category() != RuleSet.Category.PRE_CALL || !r.conditions().stream().allMatch(holds)) {
                    continue;
                }
                for (RuleSet.Action a : r.actions()) {
                    switch (a.type()) {
                        case SKIP, MARK_UNCALLABLE -> {
                            if (stop == null) {
                                stop = set.name() + " / " + (r.name() == null ? "rule" : r.name());
                                uncallable = a.type() == RuleSet.ActionType.MARK_UNCALLABLE;
                            }
                        }
                        case SET_CALLER_ID -> callerId = a.value();
                        case SET_PRIORITY -> priority = Boolean.parseBoolean(a.value());
                        case USE_PHONE_COLUMN -> column = a.column();
                        default -> { }
                    }
                }
            }
        }
        return new PreCall(stop, uncallable, callerId, priority, column);
    }
}
