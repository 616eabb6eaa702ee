package com.example.usersync.system;

import com.example.usersync.events.user.UserProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record of the three modules (events, commands, request and response bodies, tool rows and
 * views) whose components, or the records, lists, maps and JSON nested in them, hold an email or a
 * display name: its {@code toString()}, which frameworks log at DEBUG, shows none of them.
 */
class PersonalDataToStringTest {

    /** Components that hold personal data by name; nested records and JSON are followed. */
    static final Pattern PERSONAL = Pattern.compile("(?i).*(email|displayname).*");

    /** Components that hold a secret by name: passwords (or their hashes), secrets, keys. */
    static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|masterkey|credential).*");

    @Test
    void noRecordShowsAnEmailOrANameInItsToString() {
        List<String> leaks = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        check(values -> values.personal, checked, leaks);
        assertThat(checked)
                .as("records with personal data checked")
                .contains(
                        "com.example.usersync.events.user.UserProfile",
                        "com.example.usersync.events.user.UserRegistered",
                        "com.example.usersync.command.user.UserView",
                        "com.example.usersync.command.user.UserRequests$Registration",
                        "com.example.usersync.command.user.UserRequests$ProfileChange",
                        "com.example.usersync.projection.tools.mailing.MailingProjection$Contact",
                        "com.example.usersync.projection.tools.billing.BillingProjection$Account");
        assertThat(leaks).isEmpty();
    }

    /** Account and settings records, which Spring logs at DEBUG when it binds them, show no password or key. */
    @Test
    void noRecordShowsAPasswordOrASecretInItsToString() {
        List<String> leaks = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        check(values -> values.secret, checked, leaks);
        assertThat(checked)
                .as("records with secrets checked")
                .contains(
                        "com.example.usersync.platform.security.Accounts$Account",
                        "com.example.usersync.platform.security.Accounts",
                        "com.example.usersync.projection.config.ProjectionSettings$ToolAccount",
                        "com.example.usersync.projection.config.ProjectionSettings$UserService",
                        "com.example.usersync.platform.web.PeerService",
                        "com.example.usersync.command.config.UserCommandSettings",
                        "com.example.usersync.platform.serialization.MasterKeySettings",
                        "com.example.usersync.platform.startup.StartupSettings$Login");
        assertThat(leaks).isEmpty();
    }

    /**
     * Builds one of every record with sample values and collects, per record that got sensitive
     * values (the set {@code sensitive} picks), whether its {@code toString()} shows any of them.
     */
    private static void check(
            java.util.function.Function<Values, Set<String>> sensitive, List<String> checked, List<String> leaks) {
        for (Class<?> type : records()) {
            Values values = new Values();
            Object instance;
            try {
                instance = values.of(type, type, "x");
            } catch (RuntimeException e) {
                if (!sensitive.apply(values).isEmpty()) {
                    leaks.add(type.getName() + ": cannot build one to check (" + e + ")");
                }
                continue;
            }
            if (sensitive.apply(values).isEmpty()) {
                continue;
            }
            checked.add(type.getName());
            String text = String.valueOf(instance);
            sensitive.apply(values).stream()
                    .filter(text::contains)
                    .forEach(value -> leaks.add(type.getName() + " shows " + value + " in " + text));
        }
    }

    private static List<Class<?>> records() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter((reader, factory) ->
                "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName()));
        List<Class<?>> records = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("com.example.usersync")) {
            String name = definition.getBeanClassName();
            if (name.contains("Test") || name.startsWith("com.example.usersync.testing")) {
                continue;
            }
            try {
                Class<?> type = Class.forName(name);
                if (!isTestCode(type)) {
                    records.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return records;
    }

    /** Test fixtures (test classes and the user-command test-jar) hold test credentials only. */
    private static boolean isTestCode(Class<?> type) {
        String location =
                String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
        return location.contains("test-classes") || location.endsWith("-tests.jar");
    }

    /** Sample values: strings of personal components are distinct and remembered. */
    private static final class Values {

        final Set<String> personal = new java.util.HashSet<>();
        final Set<String> secret = new java.util.HashSet<>();
        private int next;
        private int durations;

        Object of(Class<?> type, Type generic, String name) {
            boolean isPersonal = PERSONAL.matcher(name).matches();
            if (type == String.class && SECRET.matcher(name).matches()) {
                String value = "{bcrypt}s3cr3t" + (++next);
                secret.add(value);
                return value;
            }
            if (type == String.class && name.equalsIgnoreCase("cron")) {
                return "-"; // a schedule switched off: what a settings record accepts besides a cron expression
            }
            if (type == String.class) {
                String value = isPersonal
                        ? "pd" + (++next)
                                + (name.toLowerCase(Locale.ROOT).contains("email") ? "@example.org" : " Person")
                        : "v" + (++next);
                if (isPersonal) {
                    personal.add(value);
                }
                return value;
            }
            if (type == long.class || type == Long.class) return 3L;
            if (type == int.class || type == Integer.class) return 3;
            if (type == boolean.class || type == Boolean.class) return true;
            if (type == UUID.class) return UUID.randomUUID();
            if (type == Instant.class) return Instant.now();
            if (type == OffsetDateTime.class) return OffsetDateTime.now();
            // 1s, 2s, 4s … 32s, again: each one twice the one before, as settings that bound another demand
            // (a stale-after at least twice its heartbeat), and none above a minute.
            if (type == Duration.class) return Duration.ofSeconds(1L << (durations++ % 6));
            if (type == Period.class) return Period.ofDays(1);
            if (type.isEnum()) return type.getEnumConstants()[0];
            if (type == JsonNode.class) {
                return JsonNodeFactory.instance
                        .objectNode()
                        .put("email", (String) of(String.class, String.class, "email"))
                        .put("displayName", (String) of(String.class, String.class, "displayName"));
            }
            if (type == Object.class) {
                return of(UserProfile.class, UserProfile.class, name);
            }
            if (type == List.class || type == Set.class || type == java.util.Collection.class) {
                Object element =
                        generic instanceof ParameterizedType p ? element(p.getActualTypeArguments()[0], name) : null;
                return element == null ? List.of() : type == Set.class ? Set.of(element) : List.of(element);
            }
            if (type == Map.class) {
                Object value =
                        generic instanceof ParameterizedType p ? element(p.getActualTypeArguments()[1], name) : null;
                return value == null ? Map.of() : Map.of("k", value);
            }
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Object[] arguments = new Object[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    arguments[i] = of(types[i], components[i].getGenericType(), components[i].getName());
                }
                try {
                    Constructor<?> constructor = type.getDeclaredConstructor(types);
                    constructor.setAccessible(true);
                    return constructor.newInstance(arguments);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
                }
            }
            return null;
        }

        private Object element(Type type, String name) {
            if (type instanceof Class<?> c) {
                return of(c, c, name);
            }
            if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                return of(raw, p, name);
            }
            return of(UserProfile.class, UserProfile.class, name); // a wildcard or type variable: anything
        }
    }
}
