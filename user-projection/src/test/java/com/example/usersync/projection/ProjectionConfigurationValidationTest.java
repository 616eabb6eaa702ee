package com.example.usersync.projection;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values that would break a job or a request at run time stop the start instead, with a message
 * naming the setting: one case per settings record (each start costs seconds; the constraints of
 * the others are declared the same way).
 */
class ProjectionConfigurationValidationTest {

    static String eventStore;

    @BeforeAll
    static void migrateEventStore() {
        eventStore = "jdbc:h2:mem:config-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure()
                .dataSource(eventStore, "sa", "")
                .locations("classpath:db/event-store")
                .load()
                .migrate();
    }

    static void start(String property) {
        new SpringApplicationBuilder(ProjectionApplication.class)
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:config-tools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--user-sync.event-store.datasource.url=" + eventStore,
                        "--server.port=0",
                        "--" + property)
                .close();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "user-sync.dead-letters.max-attempts     | 0            | maxAttempts",
                "user-sync.reconciliation.page-size      | 100000       | pageSize",
                "user-sync.reconciliation.cron           | every minute | cron",
                "user-sync.erasure.receipt-interval      | -1s          | receiptInterval",
                "user-sync.event-store.poll-interval     | soon         | poll-interval",
                "user-sync.token-claim-timeout           | 0s           | tokenClaimTimeout",
                "user-sync.user-service.url              | localhost:8080 | url",
                "user-sync.master-key                    | c2hvcnQ=     | master-key",
                "user-sync.broker.type                   | kafka        | kafka.bootstrap-servers is required",
                "user-sync.broker.type                   | pulsar       | type",
            })
    void aBadValueStopsTheStartNamingTheSetting(String setting, String value, String field) {
        String owner = setting.substring(0, setting.lastIndexOf('.'));
        assertThatThrownBy(() -> start(setting + "=" + value))
                .hasStackTraceContaining(owner)
                .hasStackTraceContaining(field);
    }

    @Test
    void kafkaPropertiesThatWouldBreakOrderOrDeliveryStopTheStart() {
        assertThatThrownBy(() -> start("user-sync.broker.kafka.properties.partitioner.class=RoundRobinPartitioner"))
                .hasStackTraceContaining("user-sync.broker.kafka")
                .hasStackTraceContaining("the publisher sets them for order and delivery");
    }
}
