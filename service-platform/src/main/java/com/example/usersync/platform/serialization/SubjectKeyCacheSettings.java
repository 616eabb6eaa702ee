package com.example.usersync.platform.serialization;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Unwrapped user keys ({@code user-sync.subject-key-cache}), checked at start.
 *
 * @param expireAfterWrite how long a key may be used after it was read (0 to 1s): bounds how long after
 *                         an erasure elsewhere this instance could still decrypt that user's data
 * @param maximumSize      keys held at most
 */
@Validated
@ConfigurationProperties("user-sync.subject-key-cache")
public record SubjectKeyCacheSettings(
        @DefaultValue("1s") @NotNull @DurationMin(nanos = 0) @DurationMax(seconds = 1)
        Duration expireAfterWrite,

        @DefaultValue("10000") @Min(1) long maximumSize) {}
