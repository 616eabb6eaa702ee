package com.example.usersync.projection.eventstore;

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
}
