package com.example.usersync.projection.processing;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

/**
 * Exponential back-off between retries, by the number of failures so far: {@code initial} after the
 * first, doubled after each further one up to {@code max}. Spring's {@link ExponentialBackOff} keeps
 * the arithmetic; this only answers for a given failure count, as the retries' state (a dead
 * letter's diagnostics, a receipt's attempts) lives in the database, not in a running execution.
 *
 * @param doublings after this many doublings the wait grows no more, whatever {@code max} says
 */
public record RetryBackOff(Duration initial, Duration max, int doublings) {

    /** The wait after {@code failures} failures (0: after the first). */
    public Duration after(int failures) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        BackOffExecution execution = backOff.start();
        long wait = execution.nextBackOff();
        for (int i = 0; i < Math.min(Math.max(failures, 0), doublings); i++) {
            wait = execution.nextBackOff();
        }
        return Duration.ofMillis(wait);
    }
}
