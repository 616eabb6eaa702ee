package com.example.usersync.command;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values that would break requests at run time stop the start instead, with a message naming the setting. */
class ConfigurationValidationTest {

    static void start(String... properties) {
        String name = UUID.randomUUID().toString();
        String[] args = new String[properties.length + 4];
        args[0] = "--spring.datasource.url=jdbc:h2:mem:config-" + name + ";DB_CLOSE_DELAY=-1";
        args[1] =
                "--user-sync.erasure-journal.datasource.url=jdbc:h2:mem:config-journal-" + name + ";DB_CLOSE_DELAY=-1";
        args[2] = "--server.port=0";
        args[3] = "--spring.main.lazy-initialization=false";
        System.arraycopy(properties, 0, args, 4, properties.length);
        new SpringApplicationBuilder(UserCommandApplication.class).run(args).close();
    }

    @Test
    void anErasureDeadlineInMonthsStopsTheStart() {
        assertThatThrownBy(() -> start("--user-sync.erasure.deadline=P1M"))
                .rootCause()
                .hasMessageContaining("user-sync.erasure.deadline")
                .hasMessageContaining("P1M");
    }

    @Test
    void anErasureDeadlineThatIsNoPeriodStopsTheStart() {
        assertThatThrownBy(() -> start("--user-sync.erasure.deadline=PT1H"))
                .hasStackTraceContaining("user-sync.erasure.deadline");
    }

    @Test
    void aRequiredToolThatIsNoToolIdStopsTheStart() {
        assertThatThrownBy(() -> start("--user-sync.erasure.required-tools=Billing Tool"))
                .hasStackTraceContaining("user-sync.erasure")
                .hasStackTraceContaining("requiredTools");
    }

    @Test
    void aBodySizeLimitBelowOneKilobyteStopsTheStart() {
        assertThatThrownBy(() -> start("--user-sync.web.max-body-size=10B"))
                .hasStackTraceContaining("user-sync.web.max-body-size");
    }
}
