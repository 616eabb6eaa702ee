package com.example.usersync.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away PostgreSQL database for one test class: created with a unique name, dropped afterwards.
 * Where no server is reachable the calling test is skipped with a message, unless
 * {@value #REQUIRED_ENV}=true (set by CI), in which case it fails.
 * <p>As a JUnit 5 extension, created before the class's first test and dropped after its last:
 * <pre>{@code @RegisterExtension static final PostgresTestDatabase EVENTS = PostgresTestDatabase.perClass("events");}</pre>
 */
public final class PostgresTestDatabase
        implements AutoCloseable, BeforeAllCallback, TestInstancePreConstructCallback, AfterAllCallback {

    public static final String REQUIRED_ENV = "USER_SYNC_POSTGRES_REQUIRED";
    private static final String ADMIN_URL = env("USER_SYNC_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("USER_SYNC_POSTGRES_USER", "postgres");
    private static final String PASSWORD = env("USER_SYNC_POSTGRES_PASSWORD", "");

    private final String purpose;
    private String name;

    private PostgresTestDatabase(String purpose, String name) {
        this.purpose = purpose;
        this.name = name;
    }

    /** A database created in {@code beforeAll} and dropped in {@code afterAll}; register it with {@code @RegisterExtension}. */
    public static PostgresTestDatabase perClass(String purpose) {
        return new PostgresTestDatabase(purpose, null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        createOnce();
    }

    /** Before the test instance too: with one instance per class, Spring starts the context when it is made. */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        createOnce();
    }

    private void createOnce() {
        if (name == null) {
            name = createOrSkip(purpose).name;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (name != null) {
            close();
            name = null;
        }
    }

    /** Creates a fresh database, or skips (fails, when required) the calling test when PostgreSQL is unreachable. */
    public static PostgresTestDatabase createOrSkip(String purpose) {
        String name = "usersync_" + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return new PostgresTestDatabase(purpose, name);
        } catch (SQLException unreachable) {
            String message =
                    "PostgreSQL not reachable at " + ADMIN_URL + " as " + USER + " (" + unreachable.getMessage()
                            + "); PostgreSQL tests skipped. Set " + REQUIRED_ENV + "=true to make them mandatory.";
            if (Boolean.parseBoolean(System.getenv(REQUIRED_ENV))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
            throw new IllegalStateException(message);
        }
    }

    /**
     * Points the datasource under {@code prefix} (e.g. {@code spring.datasource}) at this database,
     * the one argument a {@code @DynamicPropertySource} method needs.
     */
    public static void register(
            org.springframework.test.context.DynamicPropertyRegistry registry,
            String prefix,
            java.util.function.Supplier<PostgresTestDatabase> database) {
        registry.add(prefix + ".url", () -> database.get().jdbcUrl());
        registry.add(prefix + ".username", () -> database.get().username());
        registry.add(prefix + ".password", () -> database.get().password());
    }

    public String jdbcUrl() {
        if (name == null) {
            throw new IllegalStateException("The " + purpose + " database exists between beforeAll and afterAll only");
        }
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
