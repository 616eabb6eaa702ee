package com.example.usersync.projection.external;

import com.example.usersync.events.user.Plan;
import com.example.usersync.projection.config.ProjectionSettings;
import com.example.usersync.projection.config.ProjectionSettings.ExternalTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The AsyncAPI 3 document of what this instance publishes: one channel per external tool (its topic
 * exchange), the messages it carries (each event type, the tool's minimised view as JSON Schema),
 * their headers, and the publish operation. Built from the configuration, so it always describes the
 * tools this service actually feeds; {@code GET /asyncapi.json} serves it.
 */
public final class AsyncApiDocument {

    /** The event types published, in the order a user's life goes; all but the deletion carry the view. */
    static final List<String> VIEW_MESSAGES =
            List.of("UserRegistered", "UserProfileChanged", "UserAccessChanged", "UserStateSnapshotted");

    static final String DELETION = "UserDeleted";

    /** Sent instead of the view while the user is not entitled to the tool: drop what you hold of the user. */
    static final String NOT_ENTITLED = "UserNotEntitled";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AMQP_BINDING = "0.3.0";
    private static final String KAFKA_BINDING = "0.5.0";

    private AsyncApiDocument() {}

    public static ObjectNode of(ProjectionSettings settings) {
        ObjectNode document = JSON.createObjectNode();
        document.put("asyncapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "user-sync: external tools");
        info.put("version", "1");
        info.put(
                "description",
                "What the tool-sync service publishes to each external tool: for every event of a user, the tool's "
                        + "minimised view (only the fields the tool declared), or `UserNotEntitled` (the id alone) while "
                        + "the user is not entitled to the tool. Delivery is at least once, a user's events "
                        + "in version order within the user's partition (the routing key); the message id is the event id, "
                        + "so a consumer dedupes by it, or keeps the highest `userVersion` it applied per user. A replay "
                        + "publishes the same messages again. After an erasure, a replay's messages carry null for the "
                        + "personal fields (the user's key is destroyed). Answer every `UserDeleted` with a receipt: "
                        + "POST /api/erasures/{userId}/confirmations at the user service, as the tool's own account.");
        document.put("defaultContentType", "application/json");
        boolean kafka = settings.broker().type() == ProjectionSettings.Broker.Type.KAFKA;
        ObjectNode server = document.putObject("servers").putObject("broker");
        if (kafka) {
            server.put(
                    "host",
                    settings.broker().kafka().bootstrapServers().split(",")[0].strip());
            server.put("protocol", "kafka");
            server.put(
                    "description",
                    "The Kafka cluster of user-sync.broker.kafka.bootstrap-servers (credentials are each consumer's own).");
        } else {
            URI broker = settings.broker().uri();
            server.put("host", broker.getHost() + ":" + (broker.getPort() < 0 ? 5672 : broker.getPort()));
            server.put("protocol", broker.getScheme());
            server.put("description", "The broker of user-sync.broker.uri (credentials are each consumer's own).");
        }

        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = document.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode messages = components.putObject("messages");
        schemas.set("Headers", headers(kafka));
        for (Map.Entry<String, ExternalTool> entry : new TreeMap<>(settings.externalTools()).entrySet()) {
            String tool = entry.getKey();
            ExternalTool config = entry.getValue();
            schemas.set(tool + ".View", view(tool, config.fields()));
            schemas.set(tool + ".UserId", userIdOnly(tool));

            ObjectNode channel = channels.putObject(tool);
            channel.put("address", config.exchange());
            String partitions = "the user's partition, 0.." + (config.partitions() - 1)
                    + " (floorMod of the user id's hashCode by " + config.partitions() + ")";
            channel.put(
                    "description",
                    kafka
                            ? "Tool " + tool + "'s topic. Key: " + partitions + ", so one user's messages share a "
                                    + "Kafka partition, in version order."
                            : "Tool " + tool + "'s topic exchange (durable). Routing key: " + partitions
                                    + "; bind a queue with `#` for every user, or with some partitions to share the "
                                    + "load: each partition's users stay in order.");
            ObjectNode channelMessages = channel.putObject("messages");
            ArrayNode operationMessages = JSON.createArrayNode();
            for (String type : allMessages()) {
                String key = tool + "." + type;
                messages.set(key, message(tool, type, kafka));
                channelMessages.putObject(type).put("$ref", "#/components/messages/" + key);
                operationMessages.addObject().put("$ref", "#/channels/" + tool + "/messages/" + type);
            }
            ObjectNode operation = operations.putObject(tool + ".publish");
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + tool);
            operation.put("summary", "Every event of a user, as tool " + tool + " may see it.");
            operation.set("messages", operationMessages);
            if (kafka) {
                ObjectNode topic = channel.putObject("bindings").putObject("kafka");
                topic.put("topic", config.exchange());
                topic.put("bindingVersion", KAFKA_BINDING);
                operation.putObject("bindings").putObject("kafka").put("bindingVersion", KAFKA_BINDING);
                continue;
            }
            ObjectNode exchange = JSON.createObjectNode();
            exchange.put("name", config.exchange());
            exchange.put("type", "topic");
            exchange.put("durable", true);
            exchange.put("autoDelete", false);
            exchange.put("vhost", "/");
            ObjectNode amqp = channel.putObject("bindings").putObject("amqp");
            amqp.put("is", "routingKey");
            amqp.set("exchange", exchange);
            amqp.put("bindingVersion", AMQP_BINDING);
            ObjectNode operationAmqp = operation.putObject("bindings").putObject("amqp");
            operationAmqp.put("deliveryMode", 2);
            operationAmqp.put("mandatory", false);
            operationAmqp.put("bindingVersion", AMQP_BINDING);
        }
        return document;
    }

    /** The schema a message of that tool and type must validate against (for tests and consumers). */
    public static JsonNode payloadSchema(ObjectNode document, String tool, String type) {
        return document.path("components").path("schemas").path(tool + payloadSchemaSuffix(type));
    }

    private static String payloadSchemaSuffix(String type) {
        return VIEW_MESSAGES.contains(type) ? ".View" : ".UserId";
    }

    static List<String> allMessages() {
        return Stream.concat(VIEW_MESSAGES.stream(), Stream.of(NOT_ENTITLED, DELETION))
                .toList();
    }

    private static ObjectNode message(String tool, String type, boolean kafka) {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", type);
        message.put("title", type + " for " + tool);
        message.put("contentType", "application/json");
        message.putObject("headers").put("$ref", "#/components/schemas/Headers");
        message.putObject("payload").put("$ref", "#/components/schemas/" + tool + payloadSchemaSuffix(type));
        if (NOT_ENTITLED.equals(type)) {
            message.put(
                    "description",
                    "Any event of a user not entitled to " + tool + " (its name not among the user's tools): drop what "
                            + "you hold of the user. Declared with all-users, a tool gets the view of every user instead.");
        } else if (DELETION.equals(type)) {
            message.put(
                    "description",
                    "The user was erased: delete everything of the user, then send the erasure receipt with this "
                            + "message's id as the deletionEventId.");
        }
        message.putObject("correlationId").put("location", "$message.header#/correlationId");
        if (kafka) {
            ObjectNode binding = message.putObject("bindings").putObject("kafka");
            binding.putObject("key")
                    .put("type", "string")
                    .put("description", "The user's partition: one user's messages share it.");
            binding.put("bindingVersion", KAFKA_BINDING);
            return message;
        }
        ObjectNode amqp = message.putObject("bindings").putObject("amqp");
        amqp.put("contentEncoding", "UTF-8");
        amqp.put("messageType", type);
        amqp.put("bindingVersion", AMQP_BINDING);
        return message;
    }

    private static ObjectNode headers(boolean kafka) {
        ObjectNode schema = object(
                kafka
                        ? "The Kafka headers of every message, each UTF-8 text (numbers in decimal); `messageId` is "
                                + "the event id."
                        : "The AMQP headers of every message; the message id (AMQP `message-id`) is the event id.");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        if (kafka) {
            properties.putObject("messageId").put("type", "string").put("description", "The event id: dedupe by it.");
            properties
                    .putObject("contentType")
                    .put("type", "string")
                    .putArray("enum")
                    .add("application/json");
            required.add("messageId").add("contentType");
        }
        ArrayNode types = properties.putObject("type").put("type", "string").putArray("enum");
        allMessages().forEach(types::add);
        properties.putObject("revision").put("type", "string").put("description", "The event's payload revision.");
        number(properties, "userVersion", kafka)
                .put("description", "The user's version this event made: apply only above the one you hold.");
        number(properties, "globalPosition", kafka).put("description", "The event's position in the event store.");
        properties.putObject("correlationId").put("type", "string");
        properties.putObject("causationId").put("type", "string");
        properties.putObject("timestamp").put("type", "string").put("format", "date-time");
        required.add("type").add("userVersion").add("globalPosition").add("timestamp");
        return schema;
    }

    /** A count: an integer in AMQP's typed headers, its decimal text in Kafka's. */
    private static ObjectNode number(ObjectNode properties, String name, boolean kafka) {
        ObjectNode number = properties.putObject(name);
        return kafka
                ? number.put("type", "string").put("pattern", "^[0-9]+$")
                : number.put("type", "integer").put("minimum", 0);
    }

    private static ObjectNode view(String tool, List<String> fields) {
        ObjectNode schema = object("Tool " + tool + "'s view of a user: only the fields it declared, and the user id.");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (String field : viewFields(fields)) {
            properties.set(field, field(field));
            required.add(field);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode userIdOnly(String tool) {
        ObjectNode schema =
                object("The user id alone: what " + tool + " gets of a deletion, and of a user not entitled to it.");
        schema.putObject("properties").set("userId", field("userId"));
        schema.putArray("required").add("userId");
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The user id first, then the declared fields in their order: what {@link ExternalToolPublishing#view} writes. */
    static List<String> viewFields(List<String> declared) {
        return Stream.concat(Stream.of("userId"), declared.stream().filter(field -> !field.equals("userId")))
                .toList();
    }

    private static ObjectNode field(String name) {
        ObjectNode field = JSON.createObjectNode();
        switch (name) {
            case "userId" -> field.put("type", "string").put("format", "uuid");
            case "tools" -> {
                field.put("type", "array").putObject("items").put("type", "string");
                field.put("description", "The tools the user is entitled to, sorted.");
            }
            case "plan" -> {
                nullable(field, "string");
                ArrayNode plans = field.putArray("enum");
                Arrays.stream(Plan.values()).map(Plan::name).forEach(plans::add);
                plans.addNull();
            }
            case "email", "displayName" -> {
                nullable(field, "string");
                field.put(
                        "description",
                        "Personal data: null in a replay's messages of an erased user (its key destroyed).");
            }
            default -> nullable(field, "string");
        }
        return field;
    }

    private static void nullable(ObjectNode field, String type) {
        field.putArray("type").add(type).add("null");
    }

    private static ObjectNode object(String description) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        schema.put("description", description);
        return schema;
    }
}
