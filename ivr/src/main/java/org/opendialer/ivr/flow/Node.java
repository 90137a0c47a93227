package org.opendialer.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One step of a flow. Each node names the nodes it can go to by id; {@link #edges()} lists them, with the field
 * of the document each comes from, so the validator walks every type the same way. Templates (say text, number,
 * participant data) are Mustache over flow variables; an absent optional target is {@code null}.
 */
public sealed interface Node {

    String id();

    /** Where the node can go next, in document order; a {@code null} target is a branch the document left out. */
    List<Edge> edges();

    /** True for nodes that end the flow's hold on the call (hang-up and transfers): a path may stop there. */
    default boolean terminal() {
        return false;
    }

    private static List<Edge> onlyNext(String next) {
        return List.of(new Edge("next", next));
    }

    /**
     * An outgoing branch.
     *
     * @param field  the node field that holds it, as a JSON pointer suffix ({@code next}, {@code choices/1})
     * @param target node id, or null when the branch is missing
     */
    record Edge(String field, String target) {
    }

    /** Says a templated text with the flow's language TTS. */
    record Say(String id, String text, String next) implements Node {
        public List<Edge> edges() {
            return onlyNext(next);
        }
    }

    /** Plays a prompt file from the prompt directory. */
    record Play(String id, String prompt, String next) implements Node {
        public List<Edge> edges() {
            return onlyNext(next);
        }
    }

    /**
     * Says {@code prompt} and waits for one key among {@code choices}; no key within {@code timeout} or a key that is
     * not a choice repeats the prompt up to {@code retries} times (with {@code invalidPrompt} after a wrong key),
     * then goes to {@code noInput} or {@code invalid}. The key pressed is kept in {@code variable} when set.
     */
    record Menu(String id, String prompt, Map<String, String> choices, Duration timeout, int retries,
                String invalidPrompt, String variable, String noInput, String invalid) implements Node {
        public List<Edge> edges() {
            List<Edge> out = new ArrayList<>();
            choices.forEach((key, target) -> out.add(new Edge("choices/" + key, target)));
            out.add(new Edge("noInput", noInput));
            out.add(new Edge("invalid", invalid));
            return out;
        }
    }

    /**
     * Collects between {@code minDigits} and {@code maxDigits} DTMF digits into {@code variable}, ended early by
     * {@code terminator}; fewer than {@code minDigits} before {@code timeout} (after {@code retries}) goes to
     * {@code noInput}.
     */
    record Collect(String id, String prompt, String variable, int minDigits, int maxDigits, String terminator,
                   Duration timeout, int retries, String next, String noInput) implements Node {
        public List<Edge> edges() {
            return List.of(new Edge("next", next), new Edge("noInput", noInput));
        }
    }

    /**
     * Runs a data action (an HTTP request to a customer's service) with templated {@code inputs}; on success each
     * flow variable of {@code outputs} takes the action output it names. {@code notFound} (optional, else
     * {@code failure}) is taken when the service answered but holds no record; {@code failure} on an error, an
     * open circuit or when {@code timeout} (the caller's time budget) passes.
     */
    record DataAction(String id, String action, Map<String, String> inputs, Map<String, String> outputs,
                      Duration timeout, String success, String notFound, String failure) implements Node {
        public List<Edge> edges() {
            List<Edge> out = new ArrayList<>();
            out.add(new Edge("success", success));
            if (notFound != null) {
                out.add(new Edge("notFound", notFound));
            }
            out.add(new Edge("failure", failure));
            return out;
        }
    }

    /** Takes the first branch whose expression is true, else {@code otherwise} (the document's {@code else}). */
    record Decision(String id, List<Branch> branches, String otherwise) implements Node {
        public List<Edge> edges() {
            List<Edge> out = new ArrayList<>();
            for (int i = 0; i < branches.size(); i++) {
                out.add(new Edge("branches/" + i + "/then", branches.get(i).then()));
            }
            out.add(new Edge("else", otherwise));
            return out;
        }
    }

    /** A boolean expression over flow variables (see {@link Expressions}) and the node it leads to. */
    record Branch(String expression, String then) {
    }

    /** Attaches templated key/values to the interaction (shown to the agent, kept with the call). */
    record SetData(String id, Map<String, String> values, String next) implements Node {
        public List<Edge> edges() {
            return onlyNext(next);
        }
    }

    /** Skills the interaction needs from an agent: at most {@link FlowValidator#MAX_SKILLS}; templates allowed. */
    record SetSkills(String id, List<String> skills, String next) implements Node {
        public List<Edge> edges() {
            return onlyNext(next);
        }
    }

    /** Queue priority of the interaction (higher is served first). */
    record SetPriority(String id, int priority, String next) implements Node {
        public List<Edge> edges() {
            return onlyNext(next);
        }
    }

    /** Language of the prompts from here on (BCP 47 tag, or a template such as {@code {{crmLanguage}}}). */
    record SetLanguage(String id, String language, String next) implements Node {
        public List<Edge> edges() {
            return onlyNext(next);
        }
    }

    /** Hands the call to an ACD queue with the skills, priority and data set so far; {@code failure} optional. */
    record TransferToQueue(String id, String queue, String failure) implements Node {
        public List<Edge> edges() {
            return failure == null ? List.of() : List.of(new Edge("failure", failure));
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** Blind transfer to an external number (templated, normalised to E.164); {@code failure} optional. */
    record TransferToNumber(String id, String number, String failure) implements Node {
        public List<Edge> edges() {
            return failure == null ? List.of() : List.of(new Edge("failure", failure));
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** Puts the caller's number on the do-not-call list (consent ledger, source {@code ivr_optout}). */
    record OptOut(String id, String next) implements Node {
        public List<Edge> edges() {
            return onlyNext(next);
        }
    }

    /** Records a message of at most {@code maxLength} after {@code prompt}; its id goes into {@code variable}. */
    record RecordMessage(String id, String prompt, Duration maxLength, String variable, String next) implements Node {
        public List<Edge> edges() {
            return onlyNext(next);
        }
    }

    /** Ends the call. */
    record Hangup(String id) implements Node {
        public List<Edge> edges() {
            return List.of();
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }
}
