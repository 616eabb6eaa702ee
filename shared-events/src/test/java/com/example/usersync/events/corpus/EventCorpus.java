package com.example.usersync.events.corpus;

import com.example.usersync.events.EventSerialization;
import com.example.usersync.events.MetadataKeys;
import com.example.usersync.events.privacy.DataSubject;
import com.example.usersync.events.privacy.MasterKey;
import com.example.usersync.events.privacy.PersonalData;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.ProfileField;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserErasureConfirmed;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.crypto.tink.Aead;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The committed corpus of stored events ({@code src/test/resources/event-corpus}): one file per event
 * type and revision, {@code <SimpleName>.r<revision>.json}, holding the entry as the event store keeps
 * it (payload type, revision, serialized metadata and payload, personal fields encrypted as the
 * serializer writes them), the values today's record must read from it, and the shape of the record
 * at that revision.
 * <p>
 * Encryption stays reproducible with one fixed subject key ({@link #SUBJECT_KEY}, test-only), used for
 * every subject: AES-GCM ciphertexts differ per run (random nonces), but any run can decrypt a sample
 * written by another.
 */
final class EventCorpus {

    /** 32 test-only bytes; the key of every data subject in the corpus. Never a key of any environment. */
    static final String SUBJECT_KEY = "Y29ycHVzLXN1YmplY3Qta2V5LWZvci10ZXN0c29ubHk=";

    static final String EVENT_PACKAGE = "com.example.usersync.events.user";
    static final Path SOURCE_DIRECTORY = Path.of("src/test/resources/event-corpus");
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private EventCorpus() {}

    static Serializer serializer() {
        return EventSerialization.serializer(new FixedSubjectKey(MasterKey.fromBase64(SUBJECT_KEY)));
    }

    /** Every event type of the contract: the records of the event package that carry a {@link Revision}. */
    static List<Class<?>> eventTypes() {
        String folder = EVENT_PACKAGE.replace('.', '/');
        try (Stream<Path> files = Files.list(
                Path.of(EventCorpus.class.getClassLoader().getResource(folder).toURI()))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> load(EVENT_PACKAGE + "." + name.substring(0, name.length() - ".class".length())))
                    .filter(type -> type.isRecord() && type.isAnnotationPresent(Revision.class))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static int revisionOf(Class<?> type) {
        return Integer.parseInt(type.getAnnotation(Revision.class).value());
    }

    static String fileName(Class<?> type, int revision) {
        return type.getSimpleName() + ".r" + revision + ".json";
    }

    /** The committed samples, read from the test classpath. */
    static List<Path> samples() {
        try (Stream<Path> files = Files.list(Path.of(
                EventCorpus.class.getClassLoader().getResource("event-corpus").toURI()))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<JsonNode> sample(Class<?> type, int revision) {
        return samples().stream()
                .filter(file -> file.getFileName().toString().equals(fileName(type, revision)))
                .findFirst()
                .map(EventCorpus::read);
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shape of a record as stored: its components in order, with their types and the annotations
     * that change the stored form, and the same for every record and enum it holds (enum constants
     * included: removing or renaming one breaks old events).
     */
    static List<String> shapeOf(Class<?> type) {
        Set<String> lines = new LinkedHashSet<>();
        describe(type, lines, new LinkedHashSet<>());
        return new ArrayList<>(lines);
    }

    private static void describe(Type type, Set<String> lines, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> describe(argument, lines, seen));
            return;
        }
        if (!(type instanceof Class<?> cls)) {
            return;
        }
        if (cls.isEnum()) {
            lines.add(cls.getSimpleName() + " = "
                    + Arrays.stream(cls.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(" | ")));
        } else if (cls.isRecord()) {
            lines.add(cls.getSimpleName() + "("
                    + Arrays.stream(cls.getRecordComponents())
                            .map(EventCorpus::describe)
                            .collect(Collectors.joining(", "))
                    + ")");
            for (RecordComponent component : cls.getRecordComponents()) {
                describe(component.getGenericType(), lines, seen);
            }
        }
    }

    private static String describe(RecordComponent component) {
        String annotations = (component.isAnnotationPresent(DataSubject.class) ? " @DataSubject" : "")
                + (component.isAnnotationPresent(PersonalData.class) ? " @PersonalData" : "");
        String typeName = component.getGenericType().getTypeName().replace(EVENT_PACKAGE + ".", "");
        return component.getName() + ": " + typeName + annotations;
    }

    /**
     * The values every sample of a type holds, in today's shape. A sample of an older revision must
     * read as these through the upcaster chain.
     */
    static Object values(Class<?> type) {
        UUID userId = UUID.fromString("5f0e7a3c-2b1d-4c8e-9a6f-1e2d3c4b5a69");
        UserProfile profile = new UserProfile("ada@example.com", "Ada Lovelace", "en-GB", "Europe/London");
        UserAccess access = new UserAccess(Plan.TEAM, List.of("analytics", "billing"));
        Map<Class<?>, Object> samples = Map.of(
                UserRegistered.class, new UserRegistered(userId, profile, access),
                UserProfileChanged.class,
                        new UserProfileChanged(
                                userId, List.of(ProfileField.EMAIL, ProfileField.TIME_ZONE), profile, access),
                UserAccessChanged.class, new UserAccessChanged(userId, profile, access),
                UserStateSnapshotted.class,
                        new UserStateSnapshotted(
                                userId, UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-190817263544"), profile, access),
                UserDeleted.class,
                        new UserDeleted(userId, ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.PRIVACY_OFFICE),
                UserErasureConfirmed.class,
                        new UserErasureConfirmed(userId, "billing", Instant.parse("2026-03-01T07:37:12.345Z")));
        Object sample = samples.get(type);
        if (sample == null) {
            throw new IllegalStateException("No corpus values for " + type.getSimpleName()
                    + ": add them to EventCorpus.values, then write its sample (see EventCorpusTest)");
        }
        return sample;
    }

    /** Metadata as the services write it; never personal data. */
    static Map<String, String> metadata() {
        return Map.of(
                MetadataKeys.CORRELATION_ID, "ticket-4711",
                MetadataKeys.CAUSATION_ID, "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7",
                MetadataKeys.ACTOR, "admin",
                MetadataKeys.SOURCE_SERVICE, "user-command");
    }

    /** Every subject gets the one corpus key; nothing is ever destroyed here. */
    private record FixedSubjectKey(Aead key) implements SubjectKeys {
        @Override
        public Optional<Aead> find(String subject) {
            return Optional.of(key);
        }

        @Override
        public Aead findOrCreate(String subject) {
            return key;
        }

        @Override
        public void destroy(String subject) {
            throw new UnsupportedOperationException("The corpus key is never destroyed");
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
