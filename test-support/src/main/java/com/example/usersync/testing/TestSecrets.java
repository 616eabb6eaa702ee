package com.example.usersync.testing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Test settings of both services, in one place, just above application.yml (anything a test sets
 * itself still wins):
 * <ul>
 * <li>always the master key {@link #MASTER_KEY}, so every instance a test starts agrees on it whether
 * or not it is seen as the embedded default (properties of {@code @DynamicPropertySource} arrive
 * after this runs, so such a context looks embedded while a second instance started with the same
 * URLs as arguments does not);</li>
 * <li>{@code test-secrets/<service>.yml}: the dev account names and passwords as cheap bcrypt hashes
 * and the dev client credentials (on PostgreSQL the services refuse dev settings), plus the account of
 * the system tests' fourth tool ({@code crm}), on H2 too, so that tool confirms erasures wherever it runs.</li>
 * </ul>
 * A test of the services' own defaults or refusals turns this off with {@value #DISABLED}=true.
 */
public class TestSecrets implements EnvironmentPostProcessor, Ordered {

    public static final String DISABLED = "user-sync.testing.no-test-secrets";
    /** For tests only; not the public dev key, which a start outside dev refuses. */
    public static final String MASTER_KEY = "KTpQcgtuqZtSq7zc3XsrpZz3Q0epIH5+laMAnBsmgrY=";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(DISABLED, Boolean.class, false)) {
            return;
        }
        String firstConfigFile = environment.getPropertySources().stream()
                .map(PropertySource::getName)
                .filter(name -> name.startsWith("Config resource"))
                .findFirst()
                .orElse(null);
        if (firstConfigFile == null) {
            return;
        }
        environment
                .getPropertySources()
                .addBefore(
                        firstConfigFile,
                        new MapPropertySource("test master key", Map.of("user-sync.master-key", MASTER_KEY)));
        ClassPathResource secrets =
                new ClassPathResource("test-secrets/" + environment.getProperty("spring.application.name") + ".yml");
        if (!secrets.exists()) {
            return;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("test secrets", secrets)) {
                environment.getPropertySources().addBefore(firstConfigFile, source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Before the services' own check (DevDefaults, lowest precedence). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
