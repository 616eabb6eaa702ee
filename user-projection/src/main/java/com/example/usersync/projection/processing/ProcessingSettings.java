package com.example.usersync.projection.processing;

import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How this instance shares the tools' segments with the others ({@code user-sync}), checked at start.
 * Defaults are in application.yml, the one place they are set; a bad value stops the start.
 *
 * @param nodeId             unique per instance in production (e.g. the pod name); empty: pid@host
 * @param tokenClaimTimeout  a segment whose owner has not extended its claim for this long may be taken over
 * @param balanceInterval    how often this instance records its heartbeat and releases segments above its share
 */
@Validated
@ConfigurationProperties("user-sync")
public record ProcessingSettings(@NotNull @Pattern(regexp = "[^\\p{Cntrl}]{0,200}", message = "must be at most 200 printable characters") String nodeId,
                                 @NotNull @DurationMin(millis = 1) Duration tokenClaimTimeout,
                                 @NotNull @DurationMin(millis = 1) Duration balanceInterval) {
}
