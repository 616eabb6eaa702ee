package com.example.usersync.command.erasure;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Period;
import java.util.List;

/**
 * What an erasure must achieve, checked at start: a deadline that cannot be added to an instant
 * (months or years have no fixed length) would otherwise break every erasure read.
 *
 * @param requiredTools every tool that must confirm an erasure
 * @param deadline      in days, e.g. {@code P30D}
 */
@Validated
@ConfigurationProperties("user-sync.erasure")
public record ErasureSettings(
        @NotEmpty List<@NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,39}", message = "must be a tool id like 'billing'") String> requiredTools,
        @NotNull Period deadline) {

    public ErasureSettings {
        if (deadline != null && (deadline.getMonths() != 0 || deadline.getYears() != 0 || deadline.isNegative())) {
            throw new IllegalArgumentException("user-sync.erasure.deadline must be a non-negative number of days such as P30D, not "
                    + deadline + " (months and years have no fixed length)");
        }
    }
}
