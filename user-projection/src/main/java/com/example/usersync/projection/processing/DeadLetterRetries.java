package com.example.usersync.projection.processing;

import com.example.usersync.projection.config.ProjectionSettings;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Clock;

/**
 * Failed events are dead-lettered per user at once, so the user's later events queue behind them
 * while other users keep flowing. They are then retried with exponential back-off; after
 * {@code max-attempts} failures a sequence stays parked until an operator retries or evicts it.
 * <p>
 * Causes are stored and shown without their messages: database errors quote the offending row,
 * which is personal data. The exception type and SQLSTATE are enough to diagnose.
 */
@Component
public class DeadLetterRetries {

    public static final String RETRIES = "retries";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetries.class);

    private final EventProcessingConfiguration processing;
    private final ProcessingGroups tools;
    private final RetryBackOff backOff;
    private final int maxAttempts;
    private final Clock clock;

    DeadLetterRetries(
            @Lazy EventProcessingConfiguration processing,
            @Lazy ProcessingGroups tools,
            ProjectionSettings.DeadLetters settings,
            Clock clock) {
        this.processing = processing;
        this.tools = tools;
        this.backOff = new RetryBackOff(settings.initialBackoff(), settings.maxBackoff(), 20);
        this.maxAttempts = settings.maxAttempts();
        this.clock = clock;
    }

    EnqueuePolicy<EventMessage<?>> policy() {
        return (letter, cause) -> Decisions.enqueue(
                redacted(cause), failed -> failed.diagnostics().and(RETRIES, retries(failed) + 1));
    }

    public static int retries(DeadLetter<?> letter) {
        Object retries = letter.diagnostics().get(RETRIES);
        return retries instanceof Number n ? n.intValue() : retries == null ? -1 : Integer.parseInt(retries.toString());
    }

    public boolean parked(DeadLetter<?> letter) {
        return retries(letter) + 1 >= maxAttempts;
    }

    @Scheduled(fixedDelayString = "#{@deadLetterSettings.retryInterval().toMillis()}")
    void retryDueLetters() {
        for (String tool : tools.names()) {
            processing.sequencedDeadLetterProcessor(tool).ifPresent(processor -> {
                for (int i = 0; i < 100 && processor.process(this::due); i++) {
                    log.info("Dead-lettered events of one user in tool {} were processed on retry", tool);
                }
            });
        }
    }

    /** Whether the letter's back-off has passed and it is not parked. */
    boolean due(DeadLetter<? extends EventMessage<?>> letter) {
        return !parked(letter)
                && !letter.lastTouched().plus(backOff.after(retries(letter))).isAfter(clock.instant());
    }

    static ThrowableCause redacted(Throwable cause) {
        return new ThrowableCause(cause.getClass().getName(), describe(cause));
    }

    /** The failure's root type and SQLSTATE, without its message. */
    public static String describe(Throwable cause) {
        Throwable root = cause;
        String sqlState = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
            }
        }
        return root.getClass().getSimpleName() + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")");
    }
}
