package com.example.usersync.command.erasure;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ErasureDueDateTest {

    private static final Instant REQUESTED = Instant.parse("2026-03-01T09:00:00Z");

    private static ErasureDeadline thirtyDaysAt(String now) {
        return new ErasureDeadline(Period.ofDays(30), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    @Test
    void receiptsAreDueTheDeadlineAfterTheRequest() {
        assertThat(thirtyDaysAt("2026-03-02T00:00:00Z").dueFor(REQUESTED))
                .isEqualTo(Instant.parse("2026-03-31T09:00:00Z"));
    }

    @Test
    void aPendingErasureIsOverdueOnlyAfterItsDueTime() {
        assertThat(thirtyDaysAt("2026-03-31T09:00:00Z").overdue(REQUESTED, true))
                .isFalse();
        assertThat(thirtyDaysAt("2026-03-31T09:00:01Z").overdue(REQUESTED, true))
                .isTrue();
    }

    @Test
    void aFullyConfirmedErasureIsNeverOverdue() {
        assertThat(thirtyDaysAt("2027-01-01T00:00:00Z").overdue(REQUESTED, false))
                .isFalse();
    }
}
