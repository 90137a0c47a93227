package org.opendialer.ivr.flow;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.parser.ParseException;
import java.util.Map;
import java.util.Set;

/**
 * Decision expressions, evaluated by EvalEx: comparisons, {@code && || !}, arithmetic, string literals in double
 * quotes and a fixed set of functions ({@code STR_CONTAINS}, {@code IF}, ...) over the flow's variables. EvalEx
 * was chosen because it is small (one jar, no dependencies) and closed: an expression cannot reach a Java method,
 * a class or the file system, unlike JEXL/SpEL/MVEL; JSON-logic would be as safe but unreadable in a YAML flow.
 */
public final class Expressions {

    private static final ExpressionConfiguration CONFIG = ExpressionConfiguration.builder()
            .allowOverwriteConstants(false).build();

    private Expressions() {
    }

    /**
     * The variables {@code expression} reads.
     *
     * @throws IllegalArgumentException when it does not parse, with EvalEx's reason
     */
    public static Set<String> variables(String expression) {
        try {
            Expression e = new Expression(expression, CONFIG);
            e.validate();
            return e.getUsedVariables();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Evaluates {@code expression} over {@code variables}; a result that is not a boolean is true when it is a
     * non-zero number or a non-empty string.
     *
     * @throws IllegalArgumentException when it does not parse or reads a variable that is not set
     */
    public static boolean test(String expression, Map<String, ?> variables) {
        try {
            var value = new Expression(expression, CONFIG).withValues(variables).evaluate();
            return value.getBooleanValue();
        } catch (ParseException | EvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
