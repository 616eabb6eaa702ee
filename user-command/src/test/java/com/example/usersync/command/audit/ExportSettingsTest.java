package com.example.usersync.command.audit;

import com.example.usersync.command.config.UserCommandSettings.ExportSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The export settings bind from {@code user-sync.export.*} with their defaults, and refuse what cannot work. */
class ExportSettingsTest {

    static ExportSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("user-sync.export", ExportSettings.class);
    }

    @Test
    void defaultsAndTheWaitSetting() {
        ExportSettings defaults = bind(Map.of());
        assertThat(defaults.syncWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.staleAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.nodeId()).isNotBlank();

        assertThat(bind(Map.of("user-sync.export.wait", "0s")).syncWait()).isZero();
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheSetting() {
        for (Map<String, String> bad : java.util.List.of(
                Map.of("user-sync.export.wait", "-1s"),
                Map.of("user-sync.export.wait", "2m"),
                Map.of("user-sync.export.retention", "0s"),
                Map.of("user-sync.export.heartbeat-interval", "10s", "user-sync.export.stale-after", "15s"),
                Map.of("user-sync.export.retention", "P1M"))) {
            assertThatThrownBy(() -> bind(bad))
                    .as(bad.toString())
                    .isInstanceOf(BindException.class)
                    .hasStackTraceContaining("user-sync.export");
        }
    }
}
