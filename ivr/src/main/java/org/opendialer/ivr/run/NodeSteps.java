package org.opendialer.ivr.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.opendialer.call.CallSession;
import org.opendialer.call.OriginateSpec;
import org.opendialer.call.SessionEvent;
import org.opendialer.call.SessionListener;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.ivr.data.DataActionResult;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.ivr.flow.Node;
import org.opendialer.ivr.flow.StoredFlow;
import org.opendialer.ivr.run.QueueTransfer.Result;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.media.Recording;
import org.opendialer.media.RecordingLimits;
import org.opendialer.sip.Q850;

/**
 * What each node type does, with the call session's verbs joined on the flow's thread. Each node answers a
 * {@link Step}: the branch taken (its name goes into the trace) or the end of the flow.
 */
final class NodeSteps {

    /**
     * @param outcome     the branch taken, or what ended the flow, as the trace shows it
     * @param next        the node to run next (null: the document left this branch out)
     * @param end         set when this node ended the flow
     * @param nextVersion after an overflow, the flow version to run next
     */
    record Step(String outcome, String next, String detail, ExecutionOutcome end, String endDetail,
                FlowVersion nextVersion) {
        static Step go(String outcome, String next, String detail) {
            return new Step(outcome, next, detail, null, null, null);
        }

        static Step end(String outcome, ExecutionOutcome end, String detail) {
            return new Step(outcome, null, detail, end, detail, null);
        }
    }

    private static final Playable BEEP = Playable.Tone.single(1000, Duration.ofMillis(250));
    private static final Duration RING_WHILE_TRANSFERRING = Duration.ofMinutes(2);

    private final FlowRun run;
    private final CallSession session;

    NodeSteps(FlowRun run) {
        this.run = run;
        this.session = run.session;
    }

    /** The document's type name of a node. */
    static String type(Node node) {
        return node instanceof Node.RecordMessage ? "record"
                : Character.toLowerCase(node.getClass().getSimpleName().charAt(0)) + node.getClass().getSimpleName().substring(1);
    }

    Step run(Node node) {
        return switch (node) {
            case Node.Say n -> say(n);
            case Node.Play n -> played(heard(session.play(run.rt.prompts().file(n.prompt()))), n.next(), n.prompt());
            case Node.Menu n -> menu(n);
            case Node.Collect n -> collect(n);
            case Node.DataAction n -> dataAction(n);
            case Node.Decision n -> decision(n);
            case Node.SetData n -> {
                n.values().forEach((k, v) -> run.participantData.put(k, run.render(v)));
                yield Step.go("next", n.next(), String.join(",", n.values().keySet()));
            }
            case Node.SetSkills n -> {
                run.skills = n.skills().stream().map(run::render).map(String::strip).filter(s -> !s.isEmpty())
                        .distinct().limit(5).toList();
                yield Step.go("next", n.next(), String.join(",", run.skills));
            }
            case Node.SetPriority n -> {
                run.priority = n.priority();
                yield Step.go("next", n.next(), String.valueOf(n.priority()));
            }
            case Node.SetLanguage n -> {
                run.language = run.render(n.language()).strip();
                yield Step.go("next", n.next(), run.language);
            }
            case Node.TransferToQueue n -> toQueue(n);
            case Node.TransferToNumber n -> toNumber(n);
            case Node.OptOut n -> optOut(n);
            case Node.RecordMessage n -> record(n);
            case Node.Hangup n -> {
                session.hangup(Q850.NORMAL_CLEARING).join();
                yield Step.end("hangup", ExecutionOutcome.HUNG_UP, null);
            }
        };
    }

    /** Thrown when a verb returned because the call ended (a playback or a collection ends quietly then). */
    static final class CallerHungUp extends RuntimeException {
        CallerHungUp() {
            super("the caller hung up", null, false, false);
        }
    }

    /** Waits for a media verb; a call that ended meanwhile ends the node (the verb's result means nothing then). */
    private <T> T heard(java.util.concurrent.CompletableFuture<T> verb) {
        T result = verb.join();
        if (session.ended().isDone()) {
            throw new CallerHungUp();
        }
        return result;
    }

    private Playable speech(String template) {
        return Prompts.speech(run.render(template), run.language);
    }

    private Step say(Node.Say n) {
        String text = run.render(n.text());
        return played(heard(session.play(Prompts.speech(text, run.language))), n.next(), text);
    }

    /** A prompt that could not be played (missing file, TTS failure) is traced and the flow goes on. */
    private static Step played(PlayResult r, String next, String detail) {
        return r.outcome() == PlayResult.Outcome.FAILED ? Step.go("playFailed", next, r.error())
                : Step.go("next", next, detail);
    }

    private Step menu(Node.Menu n) {
        Playable prompt = speech(n.prompt());
        CollectOptions one = new CollectOptions(1, (char) 0, n.timeout(), n.timeout());
        boolean invalid = false;
        String pressed = "";
        for (int attempt = 0; attempt <= n.retries(); attempt++) {
            pressed = heard(session.playAndCollect(prompt, one));
            if (pressed.isEmpty()) {
                invalid = false;
                continue;
            }
            String target = n.choices().get(pressed);
            if (target != null) {
                if (n.variable() != null) {
                    run.variables.put(n.variable(), pressed);
                }
                return Step.go("choice:" + pressed, target, "attempt " + (attempt + 1));
            }
            invalid = true;
            if (n.invalidPrompt() != null && attempt < n.retries()) {
                heard(session.play(speech(n.invalidPrompt())));
            }
        }
        return invalid ? Step.go("invalid", n.invalid(), "last key " + pressed) : Step.go("noInput", n.noInput(), null);
    }

    private Step collect(Node.Collect n) {
        char terminator = n.terminator() == null || n.terminator().isEmpty() ? 0 : n.terminator().charAt(0);
        CollectOptions opts = new CollectOptions(n.maxDigits(), terminator, n.timeout(), n.timeout());
        for (int attempt = 0; attempt <= n.retries(); attempt++) {
            String digits = heard(n.prompt() == null ? session.collectDigits(opts)
                    : session.playAndCollect(speech(n.prompt()), opts));
            if (digits.length() >= n.minDigits()) {
                run.variables.put(n.variable(), digits);
                return Step.go("next", n.next(), digits.length() + " digits");
            }
        }
        return Step.go("noInput", n.noInput(), null);
    }

    private Step dataAction(Node.DataAction n) {
        if (!run.rt.dataActions().knows(n.action())) { // not configured on this server: like a service that is down
            return Step.go("failure", n.failure(), "no data action '" + n.action() + "' is configured");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        n.inputs().forEach((k, v) -> inputs.put(k, run.render(v)));
        DataActionResult r = run.rt.dataActions().run(n.action(), inputs, n.timeout());
        return switch (r) {
            case DataActionResult.Success s -> {
                n.outputs().forEach((variable, output) -> run.variables.put(variable, s.outputs().get(output)));
                yield Step.go("success", n.success(), null);
            }
            case DataActionResult.NotFound nf -> Step.go("notFound", n.notFound() != null ? n.notFound() : n.failure(),
                    nf.detail());
            case DataActionResult.Failure f -> Step.go("failure", n.failure(),
                    f.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.detail());
        };
    }

    private Step decision(Node.Decision n) {
        for (int i = 0; i < n.branches().size(); i++) {
            Node.Branch b = n.branches().get(i);
            if (org.opendialer.ivr.flow.Expressions.test(b.expression(), run.variables)) {
                return Step.go("branch:" + i, b.then(), b.expression());
            }
        }
        return Step.go("else", n.otherwise(), null);
    }

    private Step toQueue(Node.TransferToQueue n) {
        session.answered().join(); // the ACD bridges: the dialog must be confirmed (the flow started on our 200)
        String queue = run.render(n.queue());
        QueueTransfer.Request request = new QueueTransfer.Request(queue, run.skills, run.priority, run.language,
                run.participantData);
        Result result = run.rt.queues().transfer(session, request).join();
        String failure = switch (result) {
            case Result.Connected c -> null;
            case Result.Failed f -> f.reason();
            case Result.OverflowToFlow o -> {
                FlowVersion next = published(o.flowId());
                if (next != null) {
                    yield null;
                }
                yield "overflow flow " + o.flowId() + " does not exist or was never published";
            }
        };
        if (failure != null) {
            return failed(n.failure(), failure);
        }
        if (result instanceof Result.OverflowToFlow o) {
            return new Step("overflow", null, o.flowId(), ExecutionOutcome.OVERFLOWED, "to flow " + o.flowId(),
                    published(o.flowId()));
        }
        return Step.end("queued", ExecutionOutcome.QUEUED, queue);
    }

    private FlowVersion published(String flowId) {
        try {
            return run.rt.flows().get(UUID.fromString(flowId)).map(StoredFlow::published).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Step toNumber(Node.TransferToNumber n) {
        String number = run.render(n.number()).strip();
        session.answered().join(); // a transfer bridges: the dialog must be confirmed (the flow started on our 200)
        session.play(Playable.Tone.ringback(RING_WHILE_TRANSFERRING)); // not joined: stopped by the bridge or below
        try {
            session.transfer(OriginateSpec.toNumber(number)).join();
            return Step.end("transferred", ExecutionOutcome.TRANSFERRED, number);
        } catch (CompletionException e) {
            if (run.callerHungUp(e)) {
                throw e;
            }
            session.stopPlayback();
            return failed(n.failure(), number + ": " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
    }

    /** A transfer that failed: its failure branch, or (left out) the call ends. */
    private Step failed(String failureBranch, String reason) {
        if (failureBranch != null) {
            return Step.go("failure", failureBranch, reason);
        }
        session.hangup(Q850.NORMAL_CLEARING).join();
        return Step.end("failure", ExecutionOutcome.ENDED, reason);
    }

    private Step optOut(Node.OptOut n) {
        // the customer: who called in, or whom an outbound campaign called
        String caller = String.valueOf(run.variables.get("inbound".equals(run.variables.get("direction"))
                ? "callerNumber" : "calledNumber"));
        try {
            run.rt.consent().add(ContactChannel.PHONE, caller, ConsentSource.IVR_OPTOUT, "flow " + run.flow.name());
            return Step.go("next", n.next(), caller);
        } catch (IllegalArgumentException e) { // an anonymous or malformed caller number: nothing to block
            return Step.go("invalidNumber", n.next(), e.getMessage());
        }
    }

    /** Records what the caller says after the prompt and a beep, until any key, the length limit or a hang-up. */
    private Step record(Node.RecordMessage n) {
        if (n.prompt() != null) {
            heard(session.play(speech(n.prompt())));
        }
        heard(session.play(BEEP));
        Path wav = run.rt.prompts().recording(run.id, n.id());
        try {
            Files.createDirectories(wav.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Recording recording = session.record(wav, new RecordingLimits(n.maxLength(), Long.MAX_VALUE, false));
        SessionListener anyKey = e -> {
            if (e instanceof SessionEvent.Digit) {
                recording.stop();
            }
        };
        session.subscribe(anyKey);
        Recording.Result r;
        try {
            r = recording.done().toCompletableFuture().join();
        } finally {
            session.unsubscribe(anyKey);
        }
        if (r.reason() == Recording.Reason.FAILED) {
            throw new IllegalStateException("recording " + wav + " failed: " + r.error());
        }
        if (n.variable() != null) {
            run.variables.put(n.variable(), wav.toString());
        }
        return Step.go("next", n.next(), r.durationMs() + " ms, " + r.reason().name().toLowerCase(java.util.Locale.ROOT));
    }
}
