package com.example.usersync.platform.accesslog;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.Set;

/**
 * The access log ({@code user-sync.access-log}), checked at start.
 *
 * @param delegation whether reads on behalf of a person are recorded as that person's: the table has
 *                   the {@code via} column (user-projection's migration V12) and {@code delegates} are believed
 * @param delegates  account names (or JWT subjects) believed when they name, in
 *                   {@value AccessLog#ON_BEHALF_OF}, the person they read for
 */
@Validated
@ConfigurationProperties("user-sync.access-log")
public record AccessLogSettings(
        @DefaultValue("false") boolean delegation,
        @DefaultValue Set<String> delegates) {

    public AccessLogSettings {
        delegates = Set.copyOf(delegates);
    }

    @AssertTrue(message = "delegates need delegation (a service whose access log records via)")
    public boolean isDelegatesOnlyWithDelegation() {
        return delegation || delegates.isEmpty();
    }
}
