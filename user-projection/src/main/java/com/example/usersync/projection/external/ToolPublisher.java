package com.example.usersync.projection.external;

import java.util.List;

/**
 * The broker behind external tools, in one operation: RabbitMQ ({@link RabbitToolPublisher}, the default)
 * or Kafka ({@link KafkaToolPublisher}), chosen by configuration ({@code user-sync.broker.type}).
 */
public interface ToolPublisher extends AutoCloseable {

    /**
     * Publishes the messages in their order and returns only once the broker has confirmed every one
     * (stored it): the caller then lets the tool's token advance.
     *
     * @param destination the tool's exchange (topic)
     * @throws RuntimeException when the broker is unreachable, refuses a message or does not confirm in time;
     *                          some messages may have been published: they are published again (at least once)
     */
    void publish(String destination, List<ToolMessage> messages);

    /** Disconnects from the broker. */
    @Override
    default void close() {}
}
