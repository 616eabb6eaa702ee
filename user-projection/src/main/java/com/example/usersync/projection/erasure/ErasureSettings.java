package com.example.usersync.projection.erasure;

import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Erasure receipts and the sweep of late rows ({@code user-sync.erasure}), checked at start.
 * Defaults are in application.yml, the one place they are set; a bad value stops the start.
 *
 * @param receiptInterval   how often the receipt outbox is scanned: bounds how soon a deletion is confirmed
 * @param receiptMaxBackoff the longest wait before a failed receipt is delivered again
 * @param sweepInterval     how often rows of recently erased users are swept
 * @param sweepWindow       how far back erasures are swept (an update still in flight in another segment
 *                          than the deletion can commit just after it)
 */
@Validated
@ConfigurationProperties("user-sync.erasure")
public record ErasureSettings(@NotNull @DurationMin(millis = 1) Duration receiptInterval,
                              @NotNull @DurationMin(millis = 1) Duration receiptMaxBackoff,
                              @NotNull @DurationMin(millis = 1) Duration sweepInterval,
                              @NotNull @DurationMin(millis = 1) Duration sweepWindow) {
}
