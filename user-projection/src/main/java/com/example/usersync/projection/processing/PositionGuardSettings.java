package com.example.usersync.projection.processing;

import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The position guard ({@code user-sync.position-guard}); the default is in application.yml, checked at start.
 *
 * @param interval how often every tool's tokens are compared with the event store's head
 */
@Validated
@ConfigurationProperties("user-sync.position-guard")
public record PositionGuardSettings(@NotNull @DurationMin(millis = 1) Duration interval) {
}
