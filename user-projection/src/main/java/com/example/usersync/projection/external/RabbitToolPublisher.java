package com.example.usersync.projection.external;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RabbitMQ through Spring AMQP: each tool's exchange is a durable topic exchange, a message's routing
 * key its user's partition. A batch goes out on one channel (the broker keeps a channel's order) and
 * waits for the broker's publisher confirms of all of it; a negative or missing confirm fails the batch.
 */
public final class RabbitToolPublisher implements ToolPublisher {

    private final CachingConnectionFactory connections;
    private final RabbitTemplate template;
    private final RabbitAdmin admin;
    private final Duration confirmTimeout;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    public RabbitToolPublisher(URI uri, Duration confirmTimeout) {
        this.connections = new CachingConnectionFactory(uri);
        this.connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        this.template = new RabbitTemplate(connections);
        this.admin = new RabbitAdmin(connections);
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void publish(String destination, List<ToolMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        if (!declared.contains(destination)) {
            admin.declareExchange(new TopicExchange(destination, true, false));
            declared.add(destination);
        }
        template.invoke(operations -> {
            for (ToolMessage message : messages) {
                operations.send(destination, message.routingKey(), toAmqp(message));
            }
            operations.waitForConfirmsOrDie(confirmTimeout.toMillis());
            return null;
        });
    }

    private static Message toAmqp(ToolMessage message) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(message.messageId());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        message.headers().forEach(properties::setHeader);
        return new Message(message.body(), properties);
    }

    @Override
    public void close() {
        connections.destroy();
    }
}
