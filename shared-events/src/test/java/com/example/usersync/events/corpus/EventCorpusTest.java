package com.example.usersync.events.corpus;

import com.example.usersync.events.upcasting.EventUpcasters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event contract holds over time: every revision ever stored still reads as today's records, and
 * no record changes its stored shape without a new {@code @Revision} and a sample of it.
 * <p>
 * After a deliberate change of an event's shape: raise its {@code @Revision}, add an upcaster from the
 * previous revision to {@code EventUpcasters} when old payloads do not read as the new record as they
 * are, update the {@code expected} values of its older samples to today's shape, then write the new
 * revision's sample with
 * {@code ./mvnw -B -pl shared-events verify -Dtest=EventCorpusTest -Devent-corpus.write=true}
 * and review and commit it. Existing samples are never rewritten: they are what the stores hold.
 */
class EventCorpusTest {

    private final Serializer serializer = EventCorpus.serializer();

    @TestFactory
    Stream<DynamicTest> everyStoredSampleReadsAsTodaysRecordThroughTheUpcasterChain() {
        List<Path> samples = EventCorpus.samples();
        assertThat(samples).isNotEmpty();
        return samples.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    JsonNode sample = EventCorpus.read(file);
                    Class<?> type = Class.forName(sample.get("payloadType").asText());

                    DomainEventMessage<?> read = readThroughTheUpcasterChain(sample);

                    assertThat(read.getPayload()).isEqualTo(EventCorpus.JSON.treeToValue(sample.get("expected"), type));
                    assertThat(read.getMetaData())
                            .isEqualTo(MetaData.from(
                                    EventCorpus.JSON.convertValue(sample.get("metaData"), java.util.Map.class)));
                    assertThat(read.getIdentifier())
                            .isEqualTo(sample.get("eventIdentifier").asText());
                    assertThat(read.getSequenceNumber())
                            .isEqualTo(sample.get("sequenceNumber").asLong());
                }));
    }

    @Test
    void personalDataInTheSamplesIsStoredEncryptedAsTheSerializerWritesIt() {
        for (Path file : EventCorpus.samples()) {
            JsonNode sample = EventCorpus.read(file);
            String stored = sample.get("payload").toString();
            if (sample.get("expected").has("profile")) {
                assertThat(stored)
                        .as(file.getFileName().toString())
                        .contains("pd:v1:" + sample.get("aggregateIdentifier").asText() + ":")
                        .doesNotContain(
                                sample.get("expected")
                                        .get("profile")
                                        .get("email")
                                        .asText(),
                                sample.get("expected")
                                        .get("profile")
                                        .get("displayName")
                                        .asText());
            }
        }
    }

    @Test
    void everyEventTypeHasASampleOfEveryRevisionUpToItsCurrentOne() {
        List<Class<?>> types = EventCorpus.eventTypes();
        assertThat(types).as("event records with a @Revision").hasSizeGreaterThanOrEqualTo(6);
        for (Class<?> type : types) {
            List<String> missing = IntStream.rangeClosed(1, EventCorpus.revisionOf(type))
                    .filter(revision -> EventCorpus.sample(type, revision).isEmpty())
                    .mapToObj(revision -> EventCorpus.fileName(type, revision))
                    .collect(Collectors.toList());
            assertThat(missing)
                    .as("corpus samples of %s (write the current one: see this class's Javadoc)", type.getSimpleName())
                    .isEmpty();
        }
    }

    @Test
    void anEventChangesItsStoredShapeOnlyWithANewRevision() {
        for (Class<?> type : EventCorpus.eventTypes()) {
            int revision = EventCorpus.revisionOf(type);
            Optional<JsonNode> sample = EventCorpus.sample(type, revision);
            if (sample.isEmpty()) {
                continue; // reported by everyEventTypeHasASampleOfEveryRevisionUpToItsCurrentOne
            }
            List<String> committed = EventCorpus.JSON.convertValue(
                    sample.get().get("shape"),
                    EventCorpus.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            assertThat(EventCorpus.shapeOf(type))
                    .as("""
                            The stored shape of %s changed but its @Revision is still %d. Raise the @Revision, \
                            add an upcaster from revision %d when old payloads no longer read as the new record, \
                            and write the new revision's corpus sample (EventCorpusTest's Javadoc).""", type.getSimpleName(), revision, revision)
                    .isEqualTo(committed);
        }
    }

    /** Writes the sample of each type's current revision where there is none yet; never rewrites one. */
    @Test
    @EnabledIfSystemProperty(named = "event-corpus.write", matches = "true")
    void writeTheMissingSamplesOfTheCurrentRevisions() throws IOException {
        Files.createDirectories(EventCorpus.SOURCE_DIRECTORY);
        long sequence = 0;
        for (Class<?> type : EventCorpus.eventTypes()) {
            Path file = EventCorpus.SOURCE_DIRECTORY.resolve(EventCorpus.fileName(type, EventCorpus.revisionOf(type)));
            sequence++;
            if (Files.exists(file)) {
                continue;
            }
            Object event = EventCorpus.values(type);
            SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
            SerializedObject<byte[]> metaData =
                    serializer.serialize(MetaData.from(EventCorpus.metadata()), byte[].class);
            ObjectNode sample = EventCorpus.JSON.createObjectNode();
            sample.put("payloadType", payload.getType().getName());
            sample.put("revision", payload.getType().getRevision());
            sample.set("shape", EventCorpus.JSON.valueToTree(EventCorpus.shapeOf(type)));
            sample.put("type", "User");
            sample.put("aggregateIdentifier", "5f0e7a3c-2b1d-4c8e-9a6f-1e2d3c4b5a69");
            sample.put("sequenceNumber", sequence);
            sample.put(
                    "eventIdentifier",
                    java.util
                            .UUID
                            .nameUUIDFromBytes(file.getFileName().toString().getBytes(StandardCharsets.UTF_8))
                            .toString());
            sample.put("timestamp", "2026-03-01T07:37:12.345Z");
            sample.set("metaData", EventCorpus.JSON.readTree(metaData.getData()));
            sample.set("payload", EventCorpus.JSON.readTree(payload.getData()));
            sample.set("expected", EventCorpus.JSON.valueToTree(event));
            Files.writeString(file, EventCorpus.JSON.writeValueAsString(sample) + "\n");
        }
    }

    private DomainEventMessage<?> readThroughTheUpcasterChain(JsonNode sample) throws IOException {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                sample.get("type").asText(),
                sample.get("aggregateIdentifier").asText(),
                sample.get("sequenceNumber").asLong(),
                sample.get("eventIdentifier").asText(),
                sample.get("timestamp").asText(),
                sample.get("payloadType").asText(),
                sample.get("revision").isNull() ? null : sample.get("revision").asText(),
                EventCorpus.JSON.writeValueAsBytes(sample.get("payload")),
                EventCorpus.JSON.writeValueAsBytes(sample.get("metaData")));
        List<? extends DomainEventMessage<?>> read = EventStreamUtils.asStream(
                        EventStreamUtils.upcastAndDeserializeDomainEvents(
                                Stream.of(entry), serializer, EventUpcasters.chain()))
                .collect(Collectors.toList());
        assertThat(read).hasSize(1);
        return read.get(0);
    }
}
