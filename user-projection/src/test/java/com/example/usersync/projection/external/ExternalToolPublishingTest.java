package com.example.usersync.projection.external;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.ProfileField;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.projection.config.ProjectionSettings.ExternalTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An external tool's processor handler against the local RabbitMQ (127.0.0.1:5672, guest/guest):
 * skipped with a message where none is reachable, mandatory with USER_SYNC_RABBITMQ_REQUIRED=true.
 */
class ExternalToolPublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CachingConnectionFactory consumer;
    private static RabbitToolPublisher publisher;

    private final String exchange = "user-sync.test." + UUID.randomUUID();
    private final ExternalTool analytics =
            new ExternalTool(List.of("userId", "plan", "tools", "locale"), exchange, 16, false);
    private final UUID userId = UUID.randomUUID();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UserProfile profile = new UserProfile("ada@example.com", "Ada Lovelace", "en-GB", "Europe/London");
    private final UserAccess access = new UserAccess(Plan.TEAM, List.of("analytics-ext"));

    @BeforeAll
    static void localBroker() {
        LocalRabbit.assumeReachable();
        consumer = new CachingConnectionFactory(LocalRabbit.URI);
        publisher = new RabbitToolPublisher(LocalRabbit.URI, Duration.ofSeconds(10));
    }

    @AfterAll
    static void close() {
        if (publisher != null) {
            publisher.close();
            consumer.destroy();
        }
    }

    @Test
    void aUsersEventsArriveInVersionOrderWithTheirHeadersAndOnlyTheToolsFieldsOnceTheBatchCommits() throws Exception {
        Queue queue = boundQueue();
        ExternalToolPublishing tool = new ExternalToolPublishing("analytics-ext", analytics, publisher, meters);
        List<TrackedEventMessage<?>> events = List.of(
                event(0, 100, new UserRegistered(userId, profile, access)),
                event(1, 101, new UserProfileChanged(userId, List.of(ProfileField.LOCALE), profile, access)),
                event(2, 105, new UserAccessChanged(userId, profile, new UserAccess(Plan.BUSINESS, List.of()))),
                event(
                        3,
                        107,
                        new UserDeleted(userId, ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT)));

        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(events);
        batch.executeWithResult(() -> {
            for (TrackedEventMessage<?> event : events) {
                tool.handle(event);
            }
            assertThat(receive(queue, Duration.ofMillis(300)))
                    .as("nothing before the commit")
                    .isNull();
            return null;
        });

        List<Message> received = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Message message = receive(queue, Duration.ofSeconds(5));
            assertThat(message).as("message %d", i).isNotNull();
            received.add(message);
        }
        assertThat(received)
                .extracting(m -> m.getMessageProperties().getMessageId())
                .containsExactlyElementsOf(
                        events.stream().map(TrackedEventMessage::getIdentifier).toList());
        assertThat(received)
                .extracting(m -> ((Number) m.getMessageProperties().getHeader("userVersion")).longValue())
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(received)
                .extracting(m -> m.getMessageProperties().getReceivedRoutingKey())
                .containsOnly(Integer.toString(Math.floorMod(userId.hashCode(), 16)));
        Map<String, Object> headers = received.get(1).getMessageProperties().getHeaders();
        assertThat(headers)
                .containsEntry("type", "UserProfileChanged")
                .containsEntry("revision", "1")
                .containsEntry("correlationId", "ticket-4711")
                .containsEntry("causationId", "cause-1")
                .containsEntry("timestamp", "2026-03-01T07:37:13Z");
        assertThat(((Number) headers.get("globalPosition")).longValue()).isEqualTo(101L);

        JsonNode registered = JSON.readTree(received.get(0).getBody());
        assertThat(registered.fieldNames()).toIterable().containsExactly("userId", "plan", "tools", "locale");
        assertThat(registered.get("plan").asText()).isEqualTo("TEAM");
        assertThat(registered.get("locale").asText()).isEqualTo("en-GB");
        assertThat(received.get(2).getMessageProperties().getHeaders())
                .as("entitled to no tool any more: the user id alone, to drop the user")
                .containsEntry("type", "UserNotEntitled");
        assertThat(JSON.readTree(received.get(2).getBody()).fieldNames())
                .toIterable()
                .containsExactly("userId");
        assertThat(JSON.readTree(received.get(3).getBody()).fieldNames())
                .toIterable()
                .containsExactly("userId");
        for (Message message : received) {
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
                    .as("an analytics-like tool never receives an email or a name")
                    .doesNotContain("ada@example.com", "Ada Lovelace", "email", "displayName");
        }
    }

    @Test
    void aBatchTheBrokerDidNotConfirmDoesNotCommitSoItsTokenDoesNotAdvanceAndItsRetryCountsAsRedelivered() {
        TrackedEventMessage<?> event = event(0, 100, new UserRegistered(userId, profile, access));
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        ExternalToolPublishing tool = new ExternalToolPublishing(
                "analytics-ext",
                analytics,
                (destination, messages) -> {
                    if (brokerDown.get()) {
                        throw new org.springframework.amqp.AmqpIOException(new IOException("connection refused"));
                    }
                },
                meters);
        AtomicBoolean tokenStored = new AtomicBoolean();

        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(List.of(event));
        batch.onCommit(u -> tokenStored.set(true));
        assertThatThrownBy(() -> batch.execute(() -> tool.handle(event))).hasRootCauseMessage("connection refused");

        assertThat(tokenStored).isFalse();
        assertThat(batch.isRolledBack()).isTrue();
        assertThat(count("published")).isEqualTo(1);
        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("confirmed")).isZero();

        brokerDown.set(false);
        BatchingUnitOfWork<?> retry = new BatchingUnitOfWork<>(List.of(event));
        retry.onCommit(u -> tokenStored.set(true));
        retry.execute(() -> tool.handle(event));
        assertThat(tokenStored).isTrue();
        assertThat(count("published")).isEqualTo(2);
        assertThat(count("redelivered")).isEqualTo(1);
        assertThat(count("confirmed")).isEqualTo(1);
    }

    private double count(String what) {
        return meters.get("user.sync.external.messages." + what)
                .tag("tool", "analytics-ext")
                .counter()
                .count();
    }

    @Test
    void aRolledBackBatchPublishesNothing() throws Exception {
        Queue queue = boundQueue();
        ExternalToolPublishing tool = new ExternalToolPublishing("analytics-ext", analytics, publisher, meters);
        TrackedEventMessage<?> event = event(0, 100, new UserRegistered(userId, profile, access));

        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(List.of(event));
        assertThatThrownBy(() -> batch.execute(() -> {
                    tool.handle(event);
                    throw new IllegalStateException("the tool's database failed");
                }))
                .hasMessageContaining("failed");

        assertThat(receive(queue, Duration.ofMillis(500))).isNull();
    }

    private Queue boundQueue() {
        RabbitAdmin admin = new RabbitAdmin(consumer);
        TopicExchange topic = new TopicExchange(exchange, true, false);
        admin.declareExchange(topic);
        // Not auto-deleted (a timed receive's consumer would delete it); the broker drops it a minute after use.
        Queue queue =
                new Queue("user-sync.test." + UUID.randomUUID(), false, false, false, Map.of("x-expires", 60_000));
        admin.declareQueue(queue);
        Binding binding = BindingBuilder.bind(queue).to(topic).with("#");
        admin.declareBinding(binding);
        return queue;
    }

    private static Message receive(Queue queue, Duration timeout) {
        return new RabbitTemplate(consumer).receive(queue.getName(), timeout.toMillis());
    }

    private TrackedEventMessage<?> event(long version, long position, Object payload) {
        return new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>(
                        "User",
                        userId.toString(),
                        version,
                        payload,
                        MetaData.from(Map.of("correlationId", "ticket-4711", "causationId", "cause-" + version)),
                        UUID.randomUUID().toString(),
                        Instant.parse("2026-03-01T07:37:12Z").plusSeconds(version)));
    }
}
