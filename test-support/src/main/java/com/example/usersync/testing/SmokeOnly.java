package com.example.usersync.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;

/**
 * Runs only the {@link Smoke} tests a class inherits (and every test it declares itself): an end-to-end
 * suite's H2 subclass carries {@code @ExtendWith(SmokeOnly.class)}, its PostgreSQL subclass runs the
 * whole matrix.
 */
public final class SmokeOnly implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getTestMethod()
                .filter(method -> !method.isAnnotationPresent(Smoke.class)
                        && method.getDeclaringClass() != context.getRequiredTestClass())
                .map(SmokeOnly::skipped)
                .orElse(ConditionEvaluationResult.enabled("a smoke test, or the class itself"));
    }

    private static ConditionEvaluationResult skipped(Method method) {
        return ConditionEvaluationResult.disabled(
                method.getName() + " runs on PostgreSQL only; the embedded H2 default runs the @Smoke set");
    }
}
