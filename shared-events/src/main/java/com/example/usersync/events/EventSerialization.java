package com.example.usersync.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one way events, metadata, snapshots and tokens are (de)serialized, shared by every reader of
 * the event store. It owns its {@link ObjectMapper}: the web layer's mapper settings must never change
 * the stored format, and Axon's serializer mutates the mapper it is given.
 */
public final class EventSerialization {

    private EventSerialization() {
    }

    public static Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(objectMapper())
                // Readers must survive fields added by a newer writer (additive schema evolution).
                .lenientDeserialization()
                .build();
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
