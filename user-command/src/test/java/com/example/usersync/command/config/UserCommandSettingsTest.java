package com.example.usersync.command.config;

import com.example.usersync.platform.web.PeerService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A default lives in one place: in {@link UserCommandSettings}, never also in {@code application.yml}, so the two
 * cannot disagree; application.yml with the records still gives the values the service has always had; and every
 * setting has a description in the configuration metadata (from the records' {@code @param}s).
 */
class UserCommandSettingsTest {

    @Test
    void applicationYmlSetsNoSettingThatHasADefaultInTheRecords() throws IOException {
        Set<String> defaulted = defaultedKeys("user-sync", UserCommandSettings.class);
        assertThat(defaulted)
                .contains(
                        "user-sync.export.wait",
                        "user-sync.projection-service.connect-timeout",
                        "user-sync.erasure.deadline",
                        "user-sync.snapshot-runs.cron",
                        "user-sync.event-store.reader-tables");

        Set<String> inYml = new TreeSet<>();
        for (PropertySource<?> source : applicationYml()) {
            inYml.addAll(Arrays.asList(((EnumerablePropertySource<?>) source).getPropertyNames()));
        }
        assertThat(inYml)
                .as("keys of application.yml")
                .noneMatch(key -> defaulted.stream()
                        .anyMatch(defaultedKey -> key.equals(defaultedKey)
                                || key.startsWith(defaultedKey + "[")
                                || key.startsWith(defaultedKey + ".")));
    }

    @Test
    void applicationYmlAloneGivesTheSettingsTheServiceHasAlwaysHad() throws IOException {
        List<PropertySource<?>> yml = applicationYml();
        UserCommandSettings settings = new Binder(
                        ConfigurationPropertySources.from(yml), new PropertySourcesPlaceholdersResolver(yml))
                .bind("user-sync", UserCommandSettings.class)
                .get();

        PeerService projection = settings.projectionService();
        assertThat(projection.url()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(projection.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(projection.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.aggregateSnapshots().threshold()).isEqualTo(100);
        assertThat(settings.eventStore().readerRole()).isEqualTo("projection_reader");
        assertThat(settings.eventStore().readerTables()).containsExactly("domain_event_entry", "subject_key");
        assertThat(settings.erasure().requiredTools())
                .as("learned from the tool-sync service, not listed here")
                .isEmpty();
        assertThat(settings.tools().refreshInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.erasure().deadline()).isEqualTo(Period.ofDays(30));
        assertThat(settings.erasureJournal().reapplyInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.export())
                .extracting(
                        "syncWait",
                        "retention",
                        "heartbeatInterval",
                        "staleAfter",
                        "cleanupInterval",
                        "threads",
                        "queueCapacity")
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofHours(24),
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1),
                        2,
                        100);
        assertThat(settings.export().nodeId()).isNotBlank();
        assertThat(settings.snapshotRuns())
                .extracting("cron", "settle", "heartbeatInterval", "staleAfter")
                .containsExactly("-", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    @Test
    void everySettingIsDescribedInTheConfigurationMetadata() throws IOException {
        JsonNode metadata = new ObjectMapper()
                .readTree(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
        Map<String, String> descriptions = new TreeMap<>();
        metadata.get("properties")
                .forEach(property -> descriptions.put(
                        property.get("name").asText(),
                        property.path("description").asText("")));

        Set<String> keys = keys("user-sync", UserCommandSettings.class, false);
        assertThat(keys).hasSizeGreaterThan(20);
        assertThat(keys)
                .allSatisfy(key -> assertThat(descriptions.get(key)).as(key).isNotBlank());
    }

    private static List<PropertySource<?>> applicationYml() throws IOException {
        return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
    }

    /** The keys under {@code prefix} that a record of the tree gives a value when none is set. */
    private static Set<String> defaultedKeys(String prefix, Class<?> record) {
        return keys(prefix, record, true);
    }

    /** The settings under {@code prefix}: all of them, or only those with a default. */
    private static Set<String> keys(String prefix, Class<?> record, boolean defaultedOnly) {
        Set<String> keys = new TreeSet<>();
        RecordComponent[] components = record.getRecordComponents();
        Parameter[] parameters;
        try {
            parameters = record.getDeclaredConstructor(Arrays.stream(components)
                            .map(RecordComponent::getType)
                            .toArray(Class[]::new))
                    .getParameters();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < components.length; i++) {
            Name name = parameters[i].getAnnotation(Name.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(components[i].getName()));
            DefaultValue defaultValue = parameters[i].getAnnotation(DefaultValue.class);
            if (components[i].getType().isRecord()) {
                keys.addAll(keys(key, components[i].getType(), defaultedOnly));
            } else if (defaultValue != null || !defaultedOnly) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
