package com.example.usersync.command.console;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LagChartTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void timeRunsLeftToRightOverTheLastTenMinutesAndLagBottomToTopUpToItsHighest() {
        LagChart chart = LagChart.of(
                "mailing",
                List.of(
                        new ProjectionAdmin.LagSample(NOW.minusSeconds(700), 999L),
                        new ProjectionAdmin.LagSample(NOW.minusSeconds(600), 200L),
                        new ProjectionAdmin.LagSample(NOW.minusSeconds(300), null),
                        new ProjectionAdmin.LagSample(NOW, 0L)),
                NOW);
        // Older samples and unknown figures are left out.
        assertThat(chart.points()).isEqualTo("0.0,1.0 120.0,27.0");
        assertThat(chart.highest()).isEqualTo(200);
        assertThat(chart.latest()).isZero();
        assertThat(chart.label()).isEqualTo("Lag of mailing over the last 10 minutes: highest 200 events, now 0");
    }

    @Test
    void aToolWithoutSamplesSaysSo() {
        LagChart chart = LagChart.of("billing", List.of(), NOW);
        assertThat(chart.points()).isEmpty();
        assertThat(chart.latest()).isNull();
        assertThat(chart.label()).isEqualTo("No lag samples of billing yet");
    }
}
