package com.example.usersync.events;

import com.example.usersync.events.privacy.PersonalDataCodec;
import com.example.usersync.events.privacy.SubjectAwareSerializer;
import com.example.usersync.events.privacy.SubjectKeys;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.ContextAttributes;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one way events, metadata, snapshots, dead letters and tokens are (de)serialized, shared by
 * every reader of the event store. Personal data is encrypted with its subject's key on the way in
 * and decrypted on the way out ({@code null} once the subject's key is destroyed).
 * <p>
 * It owns its {@link ObjectMapper}: the web layer's mapper settings must never change the stored
 * format, and Axon's serializer mutates the mapper it is given.
 */
public final class EventSerialization {

    private EventSerialization() {}

    public static Serializer serializer(SubjectKeys keys) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Readers must survive fields added by a newer writer (additive schema evolution).
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.setDefaultAttributes(ContextAttributes.getEmpty().withSharedAttribute(PersonalDataCodec.KEYS, keys));
        return new SubjectAwareSerializer(JacksonSerializer.builder()
                .objectMapper(mapper)
                .lenientDeserialization()
                .build());
    }
}
