package com.example.usersync.projection.config;

import com.example.usersync.platform.serialization.SubjectKeyCacheSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings' defaults live in the records only ({@link ProjectionSettings}, and the platform's that this
 * service's yml used to repeat); application.yml points settings at environment variables.
 */
class ProjectionSettingsTest {

    @Test
    void applicationYmlSetsNoSettingThatTheRecordsGiveADefault() throws Exception {
        List<String> defaulted = new ArrayList<>();
        collectDefaulted(ProjectionSettings.class, "user-sync", defaulted);
        collectDefaulted(SubjectKeyCacheSettings.class, "user-sync.subject-key-cache", defaulted);
        assertThat(defaulted)
                .contains(
                        "user-sync.erasure.receipt-interval",
                        "user-sync.user-service.connect-timeout",
                        "user-sync.subject-key-cache.expire-after-write");

        assertThat(applicationYml().keySet()).doesNotContainAnyElementsOf(defaulted);
    }

    @Test
    void applicationYmlSetsTheRecordsSettingsOnlyThroughEnvironmentVariables() throws Exception {
        Map<String, String> yml = applicationYml();
        List<String> literal = yml.entrySet().stream()
                .filter(setting -> bound(ProjectionSettings.class, setting.getKey(), "user-sync"))
                .filter(setting -> !setting.getValue().startsWith("${"))
                .map(setting -> setting.getKey() + ": " + setting.getValue())
                .toList();
        assertThat(yml).containsKey("user-sync.node-id");
        assertThat(literal).isEmpty();
    }

    @Test
    void onlyTheUserServiceUrlMustBeSetTheRestHasDefaults() {
        ProjectionSettings settings = new Binder(new MapConfigurationPropertySource(
                        Map.of("user-sync.node-id", "", "user-sync.user-service.url", "http://localhost:8080")))
                .bind("user-sync", ProjectionSettings.class)
                .get();

        assertThat(settings.erasure().receiptInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.userService().peer().readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.reconciliation().cron()).isEqualTo("-");
        assertThat(settings.userService().tools()).isEmpty();
    }

    private static Map<String, String> applicationYml() throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (var source :
                new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
            EnumerablePropertySource<?> yml = (EnumerablePropertySource<?>) source;
            Arrays.stream(yml.getPropertyNames())
                    .forEach(name -> settings.put(name, String.valueOf(yml.getProperty(name))));
        }
        return settings;
    }

    /** The keys whose parameter has a {@link DefaultValue} with a value (an empty one only creates a nested group). */
    private static void collectDefaulted(Class<?> type, String prefix, List<String> keys) {
        RecordComponent[] components = type.getRecordComponents();
        java.lang.reflect.Parameter[] parameters = canonicalConstructor(type).getParameters();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String key = prefix + "." + kebab(component.getName());
            DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
            if (component.getType().isRecord()) {
                collectDefaulted(component.getType(), key, keys);
            } else if (value != null && value.value().length > 0) {
                keys.add(key);
            }
        }
    }

    /** Whether {@code key} is bound to a component of the tree (the datasource under event-store, say, is not). */
    private static boolean bound(Class<?> type, String key, String prefix) {
        if (!key.startsWith(prefix + ".")) {
            return false;
        }
        String rest = key.substring(prefix.length() + 1);
        String name = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        Optional<RecordComponent> component = Arrays.stream(type.getRecordComponents())
                .filter(candidate -> kebab(candidate.getName()).equals(name))
                .findFirst();
        if (component.isEmpty()) {
            return false;
        }
        Class<?> componentType = component.get().getType();
        String nested = prefix + "." + name;
        if (componentType.isRecord()) {
            return bound(componentType, key, nested);
        }
        if (Map.class.isAssignableFrom(componentType)) {
            Type value = ((ParameterizedType) component.get().getGenericType()).getActualTypeArguments()[1];
            String entry = key.substring(nested.length() + 1);
            return !entry.contains(".")
                    || bound((Class<?>) value, key, nested + "." + entry.substring(0, entry.indexOf('.')));
        }
        return rest.equals(name);
    }

    private static java.lang.reflect.Constructor<?> canonicalConstructor(Class<?> type) {
        try {
            return type.getDeclaredConstructor(Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
