package com.example.usersync.projection.reconciliation;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Reconciliation ({@code user-sync.reconciliation}), checked at start.
 * Defaults are in application.yml, the one place they are set; a bad value stops the start.
 *
 * @param staleAfter a RUNNING run that recorded no progress (one page of rows) for this long is
 *                   failed, and a new run for its tool may start: its owner died or hangs
 * @param pageSize   tool rows compared per round (each round reads the source after its rows)
 * @param cron       when every tool is reconciled on schedule (six fields, e.g. {@code 0 30 4 * * *});
 *                   {@code -} disables the schedule
 */
@Validated
@ConfigurationProperties("user-sync.reconciliation")
record ReconciliationRunProperties(@NotNull @DurationMin(millis = 1) Duration staleAfter,
                                   @Min(1) @Max(10000) int pageSize,
                                   @NotNull String cron) {

    @AssertTrue(message = "cron must be a cron expression of six fields, or - to disable the schedule")
    public boolean isCronValid() {
        return cron == null || ScheduledTaskRegistrar.CRON_DISABLED.equals(cron) || CronExpression.isValidExpression(cron);
    }
}
