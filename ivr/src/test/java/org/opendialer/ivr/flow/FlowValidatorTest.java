package org.opendialer.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendialer.ivr.flow.FlowIssue.Code;
import org.opendialer.ivr.flow.FlowIssue.Severity;

/** Each validation error on the smallest flow that shows it, with the exact JSON pointer it must name. */
class FlowValidatorTest {

    static final FlowValidator.Directory DIRECTORY = new FlowValidator.Directory(Set.of("support")::contains,
            Set.of("crm.contactByPhone")::contains);

    static List<FlowIssue> check(String yaml) {
        return FlowValidator.check(yaml, DIRECTORY);
    }

    static List<String> errors(String yaml) {
        return check(yaml).stream().filter(i -> i.severity() == Severity.ERROR)
                .map(i -> i.code().slug() + " " + i.pointer()).toList();
    }

    @Test
    void aSmallValidFlowHasNoIssue() {
        assertThat(check("""
                name: ok
                start: hello
                nodes:
                  hello: { type: say, text: "Hello {{callerNumber}}", next: bye }
                  bye: { type: hangup }
                """)).isEmpty();
    }

    @Test
    void unknownNodeType() {
        assertThat(errors("""
                name: t
                start: a
                nodes:
                  a: { type: sing, text: hi, next: b }
                  b: { type: hangup }
                """)).containsExactly("unknownNodeType /nodes/a/type");
    }

    @Test
    void unknownFieldAndMissingFieldAndBadId() {
        assertThat(errors("""
                name: t
                start: a
                nodes:
                  a: { type: say, nxet: b }
                  9b: { type: hangup }
                """)).containsExactlyInAnyOrder("missingField /nodes/a/text", "unknownField /nodes/a/nxet",
                "invalidField /nodes/9b");
    }

    @Test
    void aNullRequiredFieldIsMissing() {
        assertThat(errors("""
                name: t
                start: a
                nodes:
                  a: { type: say, text: ~, next: b }
                  b: { type: transferToNumber, number: null }
                """)).containsExactly("missingField /nodes/a/text", "missingField /nodes/b/number");
    }

    @Test
    void syntaxErrorSaysTheLine() {
        List<FlowIssue> issues = check("name: t\nstart: [a\n");
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(Code.SYNTAX);
            assertThat(i.message()).contains("line");
        });
    }

    @Test
    void unreachableNode() {
        assertThat(errors("""
                name: t
                start: a
                nodes:
                  a: { type: hangup }
                  orphan: { type: say, text: never, next: a }
                """)).containsExactly("unreachableNode /nodes/orphan");
    }

    @Test
    void undefinedVariableOnOnePathOnly() {
        // accountNumber is set when collect succeeds, but the noInput path reaches the same greeting without it
        assertThat(errors("""
                name: t
                start: ask
                nodes:
                  ask: { type: collect, variable: accountNumber, next: say, noInput: say }
                  say: { type: say, text: "Account {{accountNumber}}", next: bye }
                  bye: { type: hangup }
                """)).containsExactly("undefinedVariable /nodes/say/text");
    }

    @Test
    void variableSetOnEveryPathIsDefinedAlsoInALoop() {
        assertThat(errors("""
                name: t
                start: ask
                nodes:
                  ask: { type: collect, variable: pin, next: check, noInput: bye }
                  check:
                    type: decision
                    branches: [ { if: 'pin == "1234"', then: bye } ]
                    else: again
                  again: { type: say, text: "{{pin}} is wrong", next: ask }
                  bye: { type: hangup }
                """)).isEmpty();
    }

    @Test
    void undefinedVariableInADecisionAndInDataActionOutputsOnlyOnSuccess() {
        assertThat(errors("""
                name: t
                start: lookup
                nodes:
                  lookup:
                    type: dataAction
                    action: crm.contactByPhone
                    inputs: { phone: "{{callerNumber}}" }
                    outputs: { tier: tier }
                    success: route
                    failure: route
                  route:
                    type: decision
                    branches: [ { if: 'tier == "gold"', then: bye } ]
                    else: bye
                  bye: { type: hangup }
                """)).containsExactly("undefinedVariable /nodes/route/branches/0/if");
    }

    @Test
    void missingBranches() {
        assertThat(errors("""
                name: t
                start: m
                nodes:
                  m: { type: menu, prompt: "Press 1", choices: { "1": lookup, "2": null }, noInput: bye, invalid: bye }
                  lookup: { type: dataAction, action: crm.contactByPhone, success: decide }
                  decide:
                    type: decision
                    branches: [ { if: 'callerNumber == "1"', then: bye } ]
                  bye: { type: hangup }
                """)).containsExactlyInAnyOrder("missingBranch /nodes/m/choices/2", "missingBranch /nodes/lookup/failure",
                "missingBranch /nodes/decide/else");
    }

    @Test
    void referenceToAnUndefinedNode() {
        assertThat(errors("""
                name: t
                start: a
                nodes:
                  a: { type: say, text: hi, next: nowhere }
                """)).containsExactly("unknownNode /nodes/a/next");
    }

    @Test
    void loopWithoutExit() {
        List<FlowIssue> issues = check("""
                name: t
                start: intro
                nodes:
                  intro: { type: say, text: hi, next: a }
                  a: { type: say, text: again, next: b }
                  b: { type: play, prompt: music.wav, next: a }
                """);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.code().slug() + " " + i.pointer()).isEqualTo("loopWithoutExit /nodes/a");
            assertThat(i.message()).contains("[a, b]");
        });
    }

    @Test
    void aLoopWithAnExitIsFine() {
        assertThat(errors("""
                name: t
                start: a
                nodes:
                  a: { type: menu, prompt: "1 to repeat", choices: { "1": a }, noInput: bye, invalid: a }
                  bye: { type: hangup }
                """)).isEmpty();
    }

    @Test
    void moreThanFiveSkills() {
        assertThat(errors("""
                name: t
                start: s
                nodes:
                  s: { type: setSkills, skills: [a, b, c, d, e, f], next: q }
                  q: { type: transferToQueue, queue: support }
                """)).containsExactly("tooManySkills /nodes/s/skills");
    }

    @Test
    void unknownQueueIsOnlyAWarning() {
        List<FlowIssue> issues = check("""
                name: t
                start: q
                nodes:
                  q: { type: transferToQueue, queue: billing }
                """);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.WARNING);
            assertThat(i.code().slug() + " " + i.pointer()).isEqualTo("unknownQueue /nodes/q/queue");
        });
    }

    @Test
    void expressionThatDoesNotParse() {
        assertThat(errors("""
                name: t
                start: d
                nodes:
                  d:
                    type: decision
                    branches: [ { if: 'callerNumber ==', then: bye } ]
                    else: bye
                  bye: { type: hangup }
                """)).containsExactly("invalidField /nodes/d/branches/0/if");
    }

    @Test
    void declaredInputsAreDefined() {
        String flow = """
                name: t
                %s
                start: hello
                nodes:
                  hello: { type: say, text: "Hello {{firstName}}", next: bye }
                  bye: { type: hangup }
                """;
        assertThat(errors(flow.formatted("inputs: [firstName]"))).isEmpty();
        assertThat(errors(flow.formatted(""))).containsExactly("undefinedVariable /nodes/hello/text");
    }
}
