package com.example.usersync.projection.eventstore;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Reading the user service's event store ({@code user-sync.event-store}; its datasource is bound
 * apart), checked at start.
 * Defaults are in application.yml, the one place they are set; a bad value stops the start.
 *
 * @param pollInterval how often the store is polled for events the user service appended (bounds sync latency)
 */
@Validated
@ConfigurationProperties("user-sync.event-store")
record EventStoreSettings(@NotNull @DurationMin(millis = 1) Duration pollInterval) {

    /**
     * Unwrapped user keys ({@code user-sync.subject-key-cache}).
     *
     * @param expireAfterWrite how long a key may be used after it was read (0 to 1s): bounds how long after
     *                         an erasure this service could still decrypt that user's data
     * @param maximumSize      keys held at most
     */
    @Validated
    @ConfigurationProperties("user-sync.subject-key-cache")
    record SubjectKeyCacheSettings(@NotNull @DurationMin(nanos = 0) @DurationMax(seconds = 1) Duration expireAfterWrite,
                                   @Min(1) long maximumSize) {
    }
}
