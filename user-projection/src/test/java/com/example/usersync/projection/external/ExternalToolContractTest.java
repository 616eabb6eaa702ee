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
import com.example.usersync.projection.UserServiceEventStore;
import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonschema.main.JsonSchema;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of an external tool, checked on what the running service really publishes to the local
 * RabbitMQ: every message validates against the AsyncAPI document the service serves (its headers and the
 * tool's view), each user's messages arrive in version order although four segments publish in parallel,
 * and a replay publishes the same message ids again, so a consumer that dedupes by id or version ends as
 * it was. A user entitled to no tool any more reaches the tool as {@code UserNotEntitled}, the id alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:external-contract-tools;DB_CLOSE_DELAY=-1",
            "user-sync.event-store.datasource.url=" + ExternalToolContractTest.EVENTS,
            "user-sync.user-service.url=http://127.0.0.1:1",
            "user-sync.external-tools.desk-ext.fields=email,displayName,locale,timeZone,plan,tools",
            "user-sync.external-tools.desk-ext.exchange=" + ExternalToolContractTest.EXCHANGE,
            "user-sync.external-tools.desk-ext.partitions=3",
            "axon.eventhandling.processors.desk-ext.mode=pooled",
            "axon.eventhandling.processors.desk-ext.initial-segment-count=4",
            "axon.eventhandling.processors.desk-ext.thread-count=2",
            "axon.eventhandling.processors.desk-ext.batch-size=7"
        })
class ExternalToolContractTest {

    static final String EVENTS = "jdbc:h2:mem:external-contract-events;DB_CLOSE_DELAY=-1";
    static final String EXCHANGE = "user-sync.test.external-contract";
    private static final String TOOL = "desk-ext";
    private static final int USERS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JdbcEventStorageEngine store;
    private static ToolQueue queue;

    @LocalServerPort
    int port;

    @BeforeAll
    static void localBrokerAndTheUserServicesSchema() {
        LocalRabbit.assumeReachable();
        queue = new ToolQueue(EXCHANGE);
        store = UserServiceEventStore.h2(EVENTS);
    }

    @AfterAll
    static void close() {
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void everyPublishedMessageFollowsTheServedContractInVersionOrderPerUserAndAReplayRepeatsTheSameIds()
            throws Exception {
        Http http = Http.withDevAccounts("http://localhost:" + port).unchecked();
        Http.Response served = new Http("http://localhost:" + port).unchecked().get("/asyncapi.json");
        assertThat(served.status()).as("open, like the OpenAPI document").isEqualTo(200);
        ObjectNode document = (ObjectNode) JSON.readTree(served.body());
        assertThat(document.get("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.at("/channels/" + TOOL + "/address").asText()).isEqualTo(EXCHANGE);
        assertThat(document.at("/channels/" + TOOL + "/messages").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrderElementsOf(AsyncApiDocument.allMessages());

        int events = appendInterleavedLives();
        List<Message> published = queue.receive(events, Duration.ofSeconds(60));
        assertThat(published).hasSize(events);

        // The document's schemas use only keywords JSON Schema draft 4 has, which this validator implements.
        JsonSchemaFactory schemas = JsonSchemaFactory.byDefault();
        JsonSchema headers = schemas.getJsonSchema(document.at("/components/schemas/Headers"));
        Map<String, Long> lastVersion = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (Message message : published) {
            Map<String, Object> header = message.getMessageProperties().getHeaders();
            String type = (String) header.get("type");
            types.add(type);
            JsonNode body = JSON.readTree(message.getBody());
            assertThat(headers.validate(JSON.valueToTree(header)).isSuccess())
                    .as("headers of %s: %s", type, headers.validate(JSON.valueToTree(header)))
                    .isTrue();
            JsonSchema payload = schemas.getJsonSchema(AsyncApiDocument.payloadSchema(document, TOOL, type));
            assertThat(payload.validate(body).isSuccess())
                    .as("body of %s: %s", type, payload.validate(body))
                    .isTrue();

            String user = body.get("userId").asText();
            long version = ((Number) header.get("userVersion")).longValue();
            assertThat(version)
                    .as("user %s's messages arrive in version order", user)
                    .isEqualTo(lastVersion.getOrDefault(user, -1L) + 1);
            lastVersion.put(user, version);
            assertThat(message.getMessageProperties().getReceivedRoutingKey())
                    .isEqualTo(
                            Integer.toString(Math.floorMod(UUID.fromString(user).hashCode(), 3)));
            ids.add(message.getMessageProperties().getMessageId());
        }
        assertThat(ids).as("one id per event").hasSize(events);
        assertThat(types)
                .as("the view, the id alone while not entitled, the deletion")
                .contains("UserRegistered", "UserProfileChanged", "UserNotEntitled", "UserDeleted");
        assertThat(schemas.getJsonSchema(AsyncApiDocument.payloadSchema(document, TOOL, "UserRegistered"))
                        .validate(JSON.readTree("{\"userId\":\"" + UUID.randomUUID() + "\",\"password\":\"x\"}"))
                        .isSuccess())
                .as("the view's schema admits no other field")
                .isFalse();

        Http.Response reset = http.post("/api/admin/processors/" + TOOL + "/reset", "{\"from\":\"start\"}");
        assertThat(reset.status()).as(reset.body()).isLessThan(300);
        List<Message> replayed = queue.receive(events, Duration.ofSeconds(60));
        assertThat(replayed)
                .extracting(m -> m.getMessageProperties().getMessageId())
                .as("a replay is a redelivery of the same messages, to be deduped by id")
                .containsExactlyInAnyOrderElementsOf(ids);
        Map<String, Long> consumer = new LinkedHashMap<>();
        for (Message message : replayed) {
            String user = JSON.readTree(message.getBody()).get("userId").asText();
            long version = ((Number) message.getMessageProperties().getHeaders().get("userVersion")).longValue();
            if (version > consumer.getOrDefault(user, -1L)) {
                consumer.put(user, version);
            }
        }
        assertThat(consumer)
                .as("applied by version, the replay ends where the first delivery did")
                .isEqualTo(lastVersion);
    }

    /** {@value #USERS} users whose registrations, changes and deletions alternate in the store. */
    private int appendInterleavedLives() {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(UUID.randomUUID());
        }
        UserProfile profile = new UserProfile("desk@example.com", "Desk", "en-GB", "Europe/London");
        UserAccess access = new UserAccess(Plan.TEAM, List.of("desk-ext"));
        int count = 0;
        for (int step = 0; step < 4; step++) {
            for (int i = 0; i < USERS; i++) {
                UUID user = users.get(i);
                Object payload = switch (step) {
                    case 0 -> new UserRegistered(user, profile, access);
                    case 1 -> new UserProfileChanged(user, List.of(ProfileField.DISPLAY_NAME), profile, access);
                    case 2 -> new UserAccessChanged(user, profile, new UserAccess(Plan.BUSINESS, List.of()));
                    default ->
                        i % 2 == 0
                                ? new UserDeleted(
                                        user, ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT)
                                : new UserProfileChanged(user, List.of(ProfileField.LOCALE), profile, access);
                };
                DomainEventMessage<?> event = new GenericDomainEventMessage<>("User", user.toString(), step, payload);
                store.appendEvents(event);
                count++;
            }
        }
        return count;
    }
}
