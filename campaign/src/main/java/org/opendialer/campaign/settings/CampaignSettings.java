package org.opendialer.campaign.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.annotation.EnumNaming;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.contacts.callable.UnknownZone;

/**
 * What a voice campaign is told to do: the API's campaign body (Genesys names where they fit) and what the runner
 * reads. Stored as this record's JSON. Absent values take the defaults below; rules that cannot hold are refused
 * here with an {@link IllegalArgumentException} naming the field (the API answers 400).
 *
 * @param dncListIds            every list is checked before each call (the internal one = the consent ledger)
 * @param callableTimeSetId     null: no hours limit besides the schedule
 * @param message               agentless: text spoken (TTS) to a person, and to a machine after its greeting;
 *                              {@code {{column}}} is replaced by the contact's column
 * @param flowId                agentless: the IVR flow a live answer (or machine, per {@link Amd}) is handed to
 * @param queueId               agent modes: the ACD queue whose agents take the live answers
 * @param noAnswerTimeoutSeconds ring time before CANCEL, never under 15 s
 * @param abandonRate           percent, target for the modes that dial ahead
 * @param maxLines              calls in flight for this campaign at once, over every node
 * @param callsPerSecond        new calls per second, per node
 * @param priority              1 (lowest) .. 5 (highest, the default), Genesys' scale: among running campaigns
 *                              higher ones are ticked first, and agent-mode campaigns sharing a queue pace on the
 *                              agents the higher ones leave ({@code AgentShares})
 * @param trunkGroup            trunk group of its calls; "" any
 * @param ruleSetIds            rule sets applied in this order (pre-call before the compliance checks, wrap-up after)
 * @param agentMode             agent modes: the power ratio and the safe-harbour message of an abandoned call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignSettings(String name, UUID contactListId, List<UUID> dncListIds, UUID callableTimeSetId,
                               DialingMode dialingMode, String callerIdName, String callerIdAddress,
                               String trunkGroup, String message, UUID flowId, UUID queueId,
                               Integer maxAttemptsPerContact, Integer maxAttemptsPerNumber, RetryDelays retryDelays,
                               Integer noAnswerTimeoutSeconds, Amd amd, Double abandonRate, Integer maxLines,
                               Double callsPerSecond, Integer priority, List<SortKey> sorting, List<Filter> filters,
                               Schedule schedule, UnknownZoneChoice unknownZone, String toneCountry,
                               List<UUID> ruleSetIds, AgentMode agentMode) {

    public static final int MIN_RING_SECONDS = 15;

    public CampaignSettings {
        require(name != null && !name.isBlank(), "name", "must not be empty");
        require(contactListId != null, "contactListId", "required");
        dncListIds = dncListIds == null ? List.of() : List.copyOf(dncListIds);
        ruleSetIds = ruleSetIds == null ? List.of() : List.copyOf(ruleSetIds);
        dialingMode = dialingMode == null ? DialingMode.AGENTLESS : dialingMode;
        callerIdName = callerIdName == null ? "" : callerIdName;
        callerIdAddress = callerIdAddress == null ? "" : callerIdAddress;
        trunkGroup = trunkGroup == null ? "" : trunkGroup;
        maxAttemptsPerContact = orElse(maxAttemptsPerContact, 3);
        maxAttemptsPerNumber = orElse(maxAttemptsPerNumber, maxAttemptsPerContact);
        retryDelays = retryDelays == null ? RetryDelays.DEFAULT : retryDelays;
        noAnswerTimeoutSeconds = orElse(noAnswerTimeoutSeconds, 25);
        amd = amd == null ? new Amd(true, AmdAction.MESSAGE, AmdAction.MESSAGE_AFTER_BEEP) : amd;
        abandonRate = abandonRate == null ? 3.0 : abandonRate;
        maxLines = orElse(maxLines, 10);
        callsPerSecond = callsPerSecond == null ? 5.0 : callsPerSecond;
        priority = orElse(priority, 5);
        sorting = sorting == null ? List.of() : List.copyOf(sorting);
        filters = filters == null ? List.of() : List.copyOf(filters);
        unknownZone = unknownZone == null ? new UnknownZoneChoice(UnknownZoneChoice.Action.SKIP, null) : unknownZone;
        toneCountry = toneCountry == null || toneCountry.isBlank() ? "US" : toneCountry;
        agentMode = agentMode == null ? new AgentMode(null, null, null, null, null, null, null, null, null) : agentMode;
        require(noAnswerTimeoutSeconds >= MIN_RING_SECONDS, "noAnswerTimeoutSeconds",
                noAnswerTimeoutSeconds + " s is under the " + MIN_RING_SECONDS + " s minimum ring time");
        require(maxAttemptsPerContact >= 1, "maxAttemptsPerContact", "must be at least 1");
        require(maxAttemptsPerNumber >= 1, "maxAttemptsPerNumber", "must be at least 1");
        require(abandonRate > 0 && abandonRate <= 100, "abandonRate", "must be a percentage above 0");
        require(maxLines >= 1 && maxLines <= 1000, "maxLines", "must be 1..1000");
        require(callsPerSecond > 0 && callsPerSecond <= 1000, "callsPerSecond", "must be above 0 and at most 1000");
        require(priority >= 1 && priority <= 5, "priority", "must be 1 (lowest) .. 5 (highest)");
        if (dialingMode == DialingMode.AGENTLESS) {
            boolean hasMessage = message != null && !message.isBlank();
            require(hasMessage || flowId != null, "message", "an agentless campaign needs a message or a flowId");
            for (AmdAction a : List.of(amd.humanAction(), amd.machineAction(), amd.unknownAction())) {
                require(a != AmdAction.MESSAGE && a != AmdAction.MESSAGE_AFTER_BEEP || hasMessage, "amd", a + " needs a message");
                require(a != AmdAction.FLOW || flowId != null, "amd", "FLOW needs a flowId");
            }
            require(amd.humanAction() != AmdAction.MESSAGE_AFTER_BEEP, "amd.humanAction", "a person has no beep: use message");
            require(amd.unknownAction() != AmdAction.MESSAGE_AFTER_BEEP, "amd.unknownAction",
                    "AMD stops listening after UNKNOWN, so no beep is awaited: use message");
        }
        require(!amd.async() || dialingMode == DialingMode.AGENTLESS, "amd.async", "only an agentless campaign"
                + " speaks before AMD decides");
        if (dialingMode.needsAgents()) {
            require(queueId != null, "queueId", dialingMode.name().toLowerCase() + " needs the ACD queue of its agents");
        }
        if (dialingMode.needsAgents() && dialingMode != DialingMode.PREVIEW) {
            // a live answer with no agent free must hear who called and a number to call back (FCC safe harbour)
            require(!agentMode.safeHarbourCompany().isBlank(), "agentMode.safeHarbourCompany", "required by " + dialingMode);
            require(!agentMode.safeHarbourNumber().isBlank(), "agentMode.safeHarbourNumber", "required by " + dialingMode);
        }
        if (schedule != null && schedule.start() != null && schedule.end() != null) {
            require(schedule.start().isBefore(schedule.end()), "schedule", "start must be before end");
        }
    }

    public Duration ringTime() {
        return Duration.ofSeconds(noAnswerTimeoutSeconds);
    }

    public UnknownZone unknownZoneRule() {
        return unknownZone.action() == UnknownZoneChoice.Action.USE_DEFAULT
                ? UnknownZone.assume(ZoneId.of(unknownZone.defaultTimeZone())) : UnknownZone.SKIP;
    }

    /** Seconds before a contact with this result is dialled again. */
    public record RetryDelays(Integer busy, Integer noAnswer, Integer machine, Integer failed) {
        static final RetryDelays DEFAULT = new RetryDelays(null, null, null, null);

        public RetryDelays {
            busy = orElse(busy, 300);
            noAnswer = orElse(noAnswer, 3600);
            machine = orElse(machine, 3600);
            failed = orElse(failed, 1800);
            for (Integer s : List.of(busy, noAnswer, machine, failed)) {
                require(s >= 0, "retryDelays", "delays are seconds, at least 0");
            }
        }

        /** The delay after {@code result}; interrupted attempts wait like failed ones. */
        public Duration after(ResultKind result) {
            return Duration.ofSeconds(switch (result) {
                case BUSY -> busy;
                case NO_ANSWER -> noAnswer;
                case MACHINE -> machine;
                default -> failed;
            });
        }
    }

    /**
     * AMD on or off, and what a person, a machine and an UNKNOWN get. Off: every answer is a person. UNKNOWN
     * defaults to the person's action (a person taken for a machine is an abandoned call); another action handles it
     * on the machine's path (an agent campaign then does not queue it). {@code async} (agentless only): the person's
     * message starts at the answer while AMD listens, and a machine's decision cuts it, as {@code amd: async} on a
     * call.
     */
    public record Amd(boolean enabled, AmdAction humanAction, AmdAction machineAction, AmdAction unknownAction,
                      boolean async) {
        public Amd {
            humanAction = humanAction == null ? AmdAction.MESSAGE : humanAction;
            machineAction = machineAction == null ? AmdAction.HANG_UP : machineAction;
            unknownAction = unknownAction == null ? humanAction : unknownAction;
            if (async) {
                require(enabled, "amd.async", "needs AMD enabled");
                require(humanAction == AmdAction.MESSAGE, "amd.async", "the person's message starts at the answer:"
                        + " humanAction must be message");
            }
        }

        /** UNKNOWN as a person, AMD before the message. */
        public Amd(boolean enabled, AmdAction humanAction, AmdAction machineAction) {
            this(enabled, humanAction, machineAction, null, false);
        }

        /** Whether an UNKNOWN is handled as a person (the default) or on the machine's path. */
        public boolean unknownAsPerson() {
            return unknownAction == humanAction;
        }
    }

    /**
     * Agent modes: calls per idle agent in power mode, and the safe-harbour message an abandoned live answer hears
     * ({@code {{company}}} and {@code {{number}}} are filled in; the default says both). Preview (and records that
     * every agent mode previews instead of dialling: {@link #previewsSome()}): the auto-dial timer, the
     * column naming a record's owner (agent id or SIP user), the column that forces a preview, how long a skipped
     * record waits. The agent script is shown on the desktop in every agent mode.
     *
     * @param previewTimer       seconds a preview card stays before the call is placed without a click; 0 = off
     * @param agentOwnerColumn   a record whose column is set is previewed to that agent only; null = no owners
     * @param forcePreviewColumn a record whose column is true/yes/1 is previewed, never auto-dialled; null = none
     * @param skipHoldSeconds    a skipped record is not previewed again before this (default 3600)
     * @param callbackOwnerWaitSeconds a due callback waits this long for the agent who scheduled it (signed in and
     *                           on the queue) before any agent of the queue may have it (default 60)
     */
    public record AgentMode(Double powerRatio, String safeHarbourCompany, String safeHarbourNumber, String safeHarbourText,
                            Integer previewTimer, String agentOwnerColumn, String forcePreviewColumn,
                            Integer skipHoldSeconds, Script script, Integer callbackOwnerWaitSeconds) {
        public static final String DEFAULT_TEXT = "Hello, this is {{company}}. We are sorry we missed you. Please call"
                + " us back at {{number}}. Goodbye.";

        public AgentMode {
            powerRatio = powerRatio == null ? 2.0 : powerRatio;
            safeHarbourCompany = safeHarbourCompany == null ? "" : safeHarbourCompany.strip();
            safeHarbourNumber = safeHarbourNumber == null ? "" : safeHarbourNumber.strip();
            safeHarbourText = safeHarbourText == null || safeHarbourText.isBlank() ? DEFAULT_TEXT : safeHarbourText;
            previewTimer = orElse(previewTimer, 0);
            agentOwnerColumn = agentOwnerColumn == null || agentOwnerColumn.isBlank() ? null : agentOwnerColumn.strip();
            forcePreviewColumn = forcePreviewColumn == null || forcePreviewColumn.isBlank() ? null : forcePreviewColumn.strip();
            skipHoldSeconds = orElse(skipHoldSeconds, 3600);
            callbackOwnerWaitSeconds = orElse(callbackOwnerWaitSeconds, 60);
            require(powerRatio >= 1 && powerRatio <= 10, "agentMode.powerRatio", "must be 1..10");
            require(previewTimer >= 0 && previewTimer <= 3600, "agentMode.previewTimer", "seconds 0..3600 (0: off)");
            require(skipHoldSeconds >= 0, "agentMode.skipHoldSeconds", "must be at least 0");
            require(callbackOwnerWaitSeconds >= 0 && callbackOwnerWaitSeconds <= 3600, "agentMode.callbackOwnerWaitSeconds",
                    "seconds 0..3600");
        }

        /** Without a callback owner wait (the default, 60 s). */
        public AgentMode(Double powerRatio, String safeHarbourCompany, String safeHarbourNumber, String safeHarbourText,
                         Integer previewTimer, String agentOwnerColumn, String forcePreviewColumn,
                         Integer skipHoldSeconds, Script script) {
            this(powerRatio, safeHarbourCompany, safeHarbourNumber, safeHarbourText, previewTimer, agentOwnerColumn,
                    forcePreviewColumn, skipHoldSeconds, script, null);
        }

        /** The message as spoken. */
        public String safeHarbourMessage() {
            return safeHarbourText.replace("{{company}}", safeHarbourCompany).replace("{{number}}", safeHarbourNumber);
        }

        /** Whether a progressive/power/predictive campaign previews some records (owned or forced) to its agents. */
        public boolean previewsSome() {
            return agentOwnerColumn != null || forcePreviewColumn != null;
        }
    }

    /**
     * The agent script: a Mustache template over the contact's columns (rendered HTML-escaped) and the buttons shown
     * with it. Checked when the campaign is saved.
     */
    public record Script(String template, List<ScriptAction> actions) {
        public Script {
            template = template == null ? "" : template;
            actions = actions == null ? List.of() : List.copyOf(actions);
            require(template.length() <= 20_000, "agentMode.script.template", "at most 20000 characters");
            require(actions.size() <= 20, "agentMode.script.actions", "at most 20");
            try {
                org.opendialer.notifications.messaging.Templates.check(template);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("agentMode.script.template: " + e.getMessage());
            }
        }
    }

    /**
     * A button of the script: {@code wrapUp} picks the wrap-up code named by {@code value}; {@code doNotCall} adds
     * the customer to the internal DNC; {@code transfer} transfers the call to the number in {@code value};
     * {@code callback} lets the agent pick a time at which the campaign calls the record again (through the gate).
     */
    public record ScriptAction(String label, Kind kind, String value) {
        @EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
        public enum Kind { WRAP_UP, DO_NOT_CALL, TRANSFER, CALLBACK }

        public ScriptAction {
            require(label != null && !label.isBlank() && label.length() <= 100, "agentMode.script.actions.label", "1..100 characters");
            require(kind != null, "agentMode.script.actions.kind", "required");
            value = value == null ? "" : value.strip();
            require(kind == Kind.DO_NOT_CALL || kind == Kind.CALLBACK || !value.isEmpty(), "agentMode.script.actions.value",
                    kind + " needs a value");
        }
    }

    /** Static order by a column of the list, after the "dial next" priority flag. */
    public record SortKey(String column, boolean descending) {
        public SortKey {
            require(column != null && !column.isBlank(), "sorting.column", "required");
        }
    }

    /** A simple condition on a column; a contact is dialled only when every filter holds. */
    public record Filter(String column, Operator operator, String value) {
        @EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
        public enum Operator { EQUALS, NOT_EQUALS, CONTAINS, EMPTY, NOT_EMPTY }

        public Filter {
            require(column != null && !column.isBlank(), "filters.column", "required");
            require(operator != null, "filters.operator", "required");
            value = value == null ? "" : value;
        }
    }

    /** The campaign dials only between these instants (either may be null: open-ended). */
    public record Schedule(Instant start, Instant end) {
        public boolean allows(Instant at) {
            return (start == null || !at.isBefore(start)) && (end == null || at.isBefore(end));
        }
    }

    /** A contact whose time zone is unknown: skip it, or call it in {@code defaultTimeZone}. */
    public record UnknownZoneChoice(Action action, String defaultTimeZone) {
        @EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
        public enum Action { SKIP, USE_DEFAULT }

        public UnknownZoneChoice {
            action = action == null ? Action.SKIP : action;
            if (action == Action.USE_DEFAULT) {
                require(defaultTimeZone != null, "unknownZone.defaultTimeZone", "required with useDefault");
                try {
                    ZoneId.of(defaultTimeZone);
                } catch (java.time.DateTimeException e) {
                    throw new IllegalArgumentException("unknownZone.defaultTimeZone: " + e.getMessage());
                }
            }
        }
    }

    private static int orElse(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static void require(boolean ok, String field, String why) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + why);
        }
    }
}
