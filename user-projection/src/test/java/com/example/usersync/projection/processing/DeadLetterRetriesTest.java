package com.example.usersync.projection.processing;

import com.example.usersync.projection.config.ProjectionSettings;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-letter enqueue policy and the retries' back-off, with a fixed clock. */
class DeadLetterRetriesTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final ProjectionSettings.DeadLetters SETTINGS =
            new ProjectionSettings.DeadLetters(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30), 4);

    final DeadLetterRetries retries =
            new DeadLetterRetries(null, () -> List.of("mailing"), SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));
    final EventMessage<String> event = new GenericDomainEventMessage<>("User", "user-1", 3, "profile changed");

    DeadLetter<EventMessage<?>> letter(Integer retriesSoFar, Instant lastTouched) {
        MetaData diagnostics = retriesSoFar == null
                ? MetaData.emptyInstance()
                : MetaData.with(DeadLetterRetries.RETRIES, retriesSoFar);
        return new GenericDeadLetter<>(
                "user-1",
                event,
                new ThrowableCause(new IllegalStateException("x")),
                lastTouched,
                lastTouched,
                diagnostics);
    }

    @Test
    void everyFailureIsEnqueuedAndCountedAsARetry() {
        EnqueueDecision<EventMessage<?>> first =
                retries.policy().decide(letter(null, NOW), new IllegalStateException("boom"));
        assertThat(first.shouldEnqueue()).isTrue();
        assertThat(first.withDiagnostics(letter(null, NOW)).diagnostics()).containsEntry(DeadLetterRetries.RETRIES, 0);

        EnqueueDecision<EventMessage<?>> later =
                retries.policy().decide(letter(2, NOW), new IllegalStateException("boom"));
        assertThat(later.withDiagnostics(letter(2, NOW)).diagnostics()).containsEntry(DeadLetterRetries.RETRIES, 3);
    }

    @Test
    void theStoredCauseKeepsTheTypeAndSqlStateButNeverTheMessageWhichMayQuoteARow() {
        SQLException sql = new SQLException("Key (email)=(ada@example.com) already exists", "23505");
        EnqueueDecision<EventMessage<?>> decision = retries.policy()
                .decide(
                        letter(null, NOW),
                        new DataIntegrityViolationException("Failing row contains ada@example.com", sql));

        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> {
            assertThat(cause).isInstanceOf(ThrowableCause.class);
            assertThat(((ThrowableCause) cause).message())
                    .isEqualTo("SQLException (SQLSTATE 23505)")
                    .doesNotContain("ada");
        });
    }

    @Test
    void aLetterIsDueOnceItsBackOffHasPassedDoublingPerRetryUpToTheMaximum() {
        assertThat(retries.due(letter(0, NOW.minusMillis(999)))).isFalse();
        assertThat(retries.due(letter(0, NOW.minusSeconds(1)))).isTrue();
        assertThat(retries.due(letter(2, NOW.minusSeconds(3))))
                .as("4s after the third failure")
                .isFalse();
        assertThat(retries.due(letter(2, NOW.minusSeconds(4)))).isTrue();
    }

    @Test
    void afterMaxAttemptsALetterIsParkedAndNeverDueByItself() {
        assertThat(retries.parked(letter(2, NOW))).isFalse();
        assertThat(retries.parked(letter(3, NOW))).isTrue();
        assertThat(retries.due(letter(3, NOW.minus(Duration.ofDays(1))))).isFalse();
    }
}
