package com.example.usersync.projection.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackOffTest {

    @Test
    void theWaitStartsAtTheInitialAndDoublesPerFailureUpToTheMaximum() {
        RetryBackOff backOff = new RetryBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10), 20);

        assertThat(backOff.after(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backOff.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.after(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backOff.after(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backOff.after(1000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void noFailureCountedYetWaitsTheInitial() {
        assertThat(new RetryBackOff(Duration.ofMillis(250), Duration.ofMinutes(5), 20).after(-1))
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theWaitStopsGrowingAfterTheGivenDoublingsWhateverTheMaximum() {
        assertThat(new RetryBackOff(Duration.ofSeconds(1), Duration.ofDays(30), 2).after(10))
                .isEqualTo(Duration.ofSeconds(4));
    }
}
