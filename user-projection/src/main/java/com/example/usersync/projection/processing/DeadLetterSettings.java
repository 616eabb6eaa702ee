package com.example.usersync.projection.processing;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Retries of dead-lettered events ({@code user-sync.dead-letters}), checked at start.
 * Defaults are in application.yml, the one place they are set; a bad value stops the start.
 *
 * @param retryInterval  how often due letters are looked for
 * @param initialBackoff the wait before the first retry, doubled on each further one
 * @param maxBackoff     the longest wait between two retries
 * @param maxAttempts    attempts after which a letter is parked (retried only on request)
 */
@Validated
@ConfigurationProperties("user-sync.dead-letters")
public record DeadLetterSettings(@NotNull @DurationMin(millis = 1) Duration retryInterval,
                                 @NotNull @DurationMin(millis = 1) Duration initialBackoff,
                                 @NotNull @DurationMin(millis = 1) Duration maxBackoff,
                                 @Min(1) int maxAttempts) {
}
