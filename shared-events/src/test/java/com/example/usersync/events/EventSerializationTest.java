package com.example.usersync.events;

import com.example.usersync.events.privacy.SubjectErased;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserRegistered;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSerializationTest {

    /** Keys in memory, with the same tombstone rule as the real store. */
    static class InMemoryKeys implements SubjectKeys {
        final Map<String, Aead> keys = new HashMap<>();
        final Set<String> destroyed = new HashSet<>();

        @Override
        public Optional<Aead> find(String subject) {
            return Optional.ofNullable(keys.get(subject));
        }

        @Override
        public Aead findOrCreate(String subject) {
            if (destroyed.contains(subject)) {
                throw new SubjectErased(subject);
            }
            return keys.computeIfAbsent(subject, s -> {
                try {
                    AeadConfig.register();
                    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                            .getPrimitive(RegistryConfiguration.get(), Aead.class);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void destroy(String subject) {
            keys.remove(subject);
            destroyed.add(subject);
        }
    }

    final InMemoryKeys keys = new InMemoryKeys();
    final Serializer serializer = EventSerialization.serializer(keys);
    final UUID userId = UUID.randomUUID();
    final UserRegistered event = new UserRegistered(
            userId,
            new UserProfile("ada@example.com", "Ada Lovelace", "en-GB", "Europe/London"),
            new UserAccess(Plan.TEAM, List.of("billing")));

    @Test
    void personalFieldsAreStoredEncryptedAndReadBackWhileTheKeyExists() {
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json)
                .doesNotContain("ada@example.com", "Ada Lovelace")
                .contains("pd:v1:" + userId)
                .contains("en-GB", "TEAM");
        assertThat((UserRegistered) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void onceTheKeyIsDestroyedPersonalFieldsReadAsNullAndNothingNewCanBeWritten() {
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        keys.destroy(userId.toString());

        UserRegistered read = serializer.deserialize(stored);
        assertThat(read.profile().email()).isNull();
        assertThat(read.profile().displayName()).isNull();
        assertThat(read.profile().erased()).isTrue();
        assertThat(read.profile().locale()).isEqualTo("en-GB");
        assertThatThrownBy(() -> serializer.serialize(event, byte[].class)).hasRootCauseInstanceOf(SubjectErased.class);
        String rewritten = new String(serializer.serialize(read, byte[].class).getData(), StandardCharsets.UTF_8);
        assertThat(rewritten)
                .as("nothing stands in for erased data")
                .contains("\"email\":null", "\"displayName\":null")
                .doesNotContain("pd:v1", "erased");
    }

    @Test
    void theOldPlaceholderTypedByAUserIsOrdinaryPersonalData() {
        UserRegistered named = new UserRegistered(
                userId,
                new UserProfile("erased@example.com", "[erased]", "en", "UTC"),
                new UserAccess(Plan.FREE, List.of()));

        SerializedObject<byte[]> stored = serializer.serialize(named, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("[erased]");
        UserRegistered read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(named);
        assertThat(read.profile().erased()).isFalse();
    }

    @Test
    void thePlaintextPlaceholderThatEarlierVersionsStoredReadsAsErased() {
        String legacy = new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8)
                .replaceAll("\"pd:v1:[^\"]*\"", "\"[erased]\"");
        SerializedObject<byte[]> stored = new org.axonframework.serialization.SimpleSerializedObject<>(
                legacy.getBytes(StandardCharsets.UTF_8), byte[].class, serializer.typeForClass(UserRegistered.class));

        UserRegistered read = serializer.deserialize(stored);

        assertThat(read.profile().email()).isNull();
        assertThat(read.profile().displayName()).isNull();
    }

    @Test
    void whetherAProfileIsErasedIsNeverPartOfItsSerializedForm() throws Exception {
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(event.profile()))
                .doesNotContain("erased");
        assertThat(new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8))
                .doesNotContain("erased");
    }

    @Test
    void personalDataWithoutADataSubjectIsNeverWrittenInPlaintext() {
        UserProfile orphan = new UserProfile("ada@example.com", "Ada", "en", "UTC");

        assertThatThrownBy(() -> serializer.serialize(orphan, byte[].class))
                .rootCause()
                .hasMessageContaining("plaintext");
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        String newer = new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\":42,");
        SerializedObject<byte[]> stored = new org.axonframework.serialization.SimpleSerializedObject<>(
                newer.getBytes(StandardCharsets.UTF_8), byte[].class, serializer.typeForClass(UserRegistered.class));

        assertThat((UserRegistered) serializer.deserialize(stored)).isEqualTo(event);
    }
}
