package com.example.usersync.projection.external;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A Kafka for the tests: the cluster of {@code USER_SYNC_KAFKA_BOOTSTRAP_SERVERS} where one runs;
 * otherwise, as this machine runs no Kafka, a real one-broker Kafka (KRaft) started once in the test JVM
 * and stopped with it.
 */
final class LocalKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private LocalKafka() {}

    static synchronized String bootstrapServers() {
        String configured = System.getenv("USER_SYNC_KAFKA_BOOTSTRAP_SERVERS");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        }
        return broker.getBrokersAsString();
    }
}
