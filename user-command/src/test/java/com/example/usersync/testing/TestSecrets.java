package com.example.usersync.testing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Outside dev (a PostgreSQL datasource) both services refuse to start without a real master key and
 * hashed accounts. Tests on PostgreSQL get them here, in one place: {@code test-secrets/<service>.yml},
 * the dev account names and passwords as cheap bcrypt hashes and a test-only master key, just above
 * application.yml, so anything a test sets itself still wins. A test of the refusal itself turns this
 * off with {@value #DISABLED}=true.
 */
public class TestSecrets implements EnvironmentPostProcessor, Ordered {

    public static final String DISABLED = "user-sync.testing.no-test-secrets";
    private static final List<String> DATASOURCE_URLS = List.of("spring.datasource.url",
            "user-sync.erasure-journal.datasource.url", "user-sync.event-store.datasource.url");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean postgres = DATASOURCE_URLS.stream().map(environment::getProperty)
                .anyMatch(url -> url != null && url.startsWith("jdbc:postgresql:"));
        ClassPathResource secrets = new ClassPathResource(
                "test-secrets/" + environment.getProperty("spring.application.name") + ".yml");
        if (!postgres || environment.getProperty(DISABLED, Boolean.class, false) || !secrets.exists()) {
            return;
        }
        try {
            String firstConfigFile = environment.getPropertySources().stream().map(PropertySource::getName)
                    .filter(name -> name.startsWith("Config resource")).findFirst().orElseThrow();
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
