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
import com.example.usersync.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonschema.main.JsonSchema;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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
 * The contract of an external tool, checked on what the running service really publishes to a real
 * broker: every message validates against the AsyncAPI document the service serves (its headers and the
 * tool's view), each user's messages arrive in version order although four segments publish in parallel,
 * and a replay publishes the same message ids again, so a consumer that dedupes by id or version ends as
 * it was. A user entitled to no tool any more reaches the tool as {@code UserNotEntitled}, the id alone.
 * One subclass per broker: RabbitMQ ({@link ExternalToolContractTest}), Kafka ({@link KafkaToolContractTest}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "user-sync.user-service.url=http://127.0.0.1:1",
            "user-sync.external-tools.desk-ext.fields=email,displayName,locale,timeZone,plan,tools",
            "user-sync.external-tools.desk-ext.partitions=3",
            "axon.eventhandling.processors.desk-ext.mode=pooled",
            "axon.eventhandling.processors.desk-ext.initial-segment-count=4",
            "axon.eventhandling.processors.desk-ext.thread-count=2",
            "axon.eventhandling.processors.desk-ext.batch-size=7"
        })
abstract class ExternalToolContract {

    static final String TOOL = "desk-ext";
    private static final int USERS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message as the tool's consumer received it, whatever the broker. */
    record Published(String id, Map<String, Object> headers, byte[] body, String key) {

        long userVersion() {
            return Long.parseLong(String.valueOf(headers.get("userVersion")));
        }
    }

    @LocalServerPort
    int port;

    /** The tool's exchange or topic. */
    abstract String destination();

    /** The AsyncAPI server protocol of this broker. */
    abstract String protocol();

    /** The user service's event store this service reads. */
    abstract JdbcEventStorageEngine store();

    /** Waits up to {@code patience} for the next {@code count} messages and returns them in arrival order. */
    abstract List<Published> receive(int count, Duration patience);

    @Test
    void everyPublishedMessageFollowsTheServedContractInVersionOrderPerUserAndAReplayRepeatsTheSameIds()
            throws Exception {
        Http http = Http.withDevAccounts("http://localhost:" + port).unchecked();
        Http.Response served = new Http("http://localhost:" + port).unchecked().get("/asyncapi.json");
        assertThat(served.status()).as("open, like the OpenAPI document").isEqualTo(200);
        ObjectNode document = (ObjectNode) JSON.readTree(served.body());
        assertThat(document.get("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.at("/channels/" + TOOL + "/address").asText()).isEqualTo(destination());
        assertThat(document.at("/servers/broker/protocol").asText()).isEqualTo(protocol());
        assertThat(document.at("/channels/" + TOOL + "/messages").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrderElementsOf(AsyncApiDocument.allMessages());

        int events = appendInterleavedLives();
        List<Published> published = receive(events, Duration.ofSeconds(60));
        assertThat(published).hasSize(events);

        // The document's schemas use only keywords JSON Schema draft 4 has, which this validator implements.
        JsonSchemaFactory schemas = JsonSchemaFactory.byDefault();
        JsonSchema headers = schemas.getJsonSchema(document.at("/components/schemas/Headers"));
        Map<String, Long> lastVersion = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (Published message : published) {
            Map<String, Object> header = message.headers();
            String type = String.valueOf(header.get("type"));
            types.add(type);
            JsonNode body = JSON.readTree(message.body());
            assertThat(headers.validate(JSON.valueToTree(header)).isSuccess())
                    .as("headers of %s: %s", type, headers.validate(JSON.valueToTree(header)))
                    .isTrue();
            JsonSchema payload = schemas.getJsonSchema(AsyncApiDocument.payloadSchema(document, TOOL, type));
            assertThat(payload.validate(body).isSuccess())
                    .as("body of %s: %s", type, payload.validate(body))
                    .isTrue();

            String user = body.get("userId").asText();
            long version = message.userVersion();
            assertThat(version)
                    .as("user %s's messages arrive in version order", user)
                    .isEqualTo(lastVersion.getOrDefault(user, -1L) + 1);
            lastVersion.put(user, version);
            assertThat(message.key())
                    .isEqualTo(
                            Integer.toString(Math.floorMod(UUID.fromString(user).hashCode(), 3)));
            ids.add(message.id());
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
        List<Published> replayed = receive(events, Duration.ofSeconds(60));
        assertThat(replayed)
                .extracting(Published::id)
                .as("a replay is a redelivery of the same messages, to be deduped by id")
                .containsExactlyInAnyOrderElementsOf(ids);
        Map<String, Long> consumer = new LinkedHashMap<>();
        for (Published message : replayed) {
            String user = JSON.readTree(message.body()).get("userId").asText();
            long version = message.userVersion();
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
                store().appendEvents(event);
                count++;
            }
        }
        return count;
    }
}
