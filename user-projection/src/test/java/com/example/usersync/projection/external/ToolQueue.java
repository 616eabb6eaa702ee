package com.example.usersync.projection.external;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What an external tool's consumer sees, on the local RabbitMQ: the tool's exchange, declared as the
 * service declares it, and a private queue bound to all of it. {@link #close()} deletes the exchange.
 */
final class ToolQueue implements AutoCloseable {

    private final String exchange;
    private final CachingConnectionFactory connection = new CachingConnectionFactory(LocalRabbit.URI);
    private final Queue queue = new Queue("user-sync.test." + UUID.randomUUID(), false, true, true);

    ToolQueue(String exchange) {
        this.exchange = exchange;
        RabbitAdmin admin = new RabbitAdmin(connection);
        TopicExchange topic = new TopicExchange(exchange, true, false);
        admin.declareExchange(topic);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(topic).with("#"));
    }

    /** Waits up to {@code patience} for {@code count} messages and returns them in arrival order. */
    List<Message> receive(int count, Duration patience) {
        List<Message> messages = new ArrayList<>();
        await().atMost(patience).until(() -> {
            Message next = receiveNow();
            if (next != null) {
                messages.add(next);
            }
            return messages.size() >= count;
        });
        return messages;
    }

    /** The next message, or null when none is waiting. */
    Message receiveNow() {
        return new RabbitTemplate(connection).receive(queue.getName());
    }

    @Override
    public void close() {
        new RabbitAdmin(connection).deleteExchange(exchange);
        connection.destroy();
    }
}
