package com.example.usersync.system;

import com.example.usersync.command.UserCommandApplication;
import com.example.usersync.projection.ProjectionApplication;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.PostgresTestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The whole system in one JVM for end-to-end tests: the real user service and one or more real
 * projection instances, each a full Spring Boot application on its own port, over real databases.
 */
final class SyncSystem implements AutoCloseable {

    record Databases(String eventStoreUrl, String toolsUrl, String username, String password) {

        /** A fresh pair of in-memory H2 databases, private to the caller; keep the result, each call makes new ones. */
        static Databases inMemoryH2() {
            String name = java.util.UUID.randomUUID().toString().substring(0, 8);
            return new Databases(
                    "jdbc:h2:mem:events-" + name + ";DB_CLOSE_DELAY=-1",
                    "jdbc:h2:mem:tools-" + name + ";DB_CLOSE_DELAY=-1",
                    "sa",
                    "");
        }

        /** The event store and the tools' database on two PostgreSQL test databases. */
        static Databases on(PostgresTestDatabase events, PostgresTestDatabase tools) {
            return new Databases(events.jdbcUrl(), tools.jdbcUrl(), events.username(), events.password());
        }
    }

    private final Databases databases;
    /** The port the first projection instance listens on, known up front so the user service can call it. */
    private final int projectionPort = freePort();

    private final ConfigurableApplicationContext userService;
    private final List<ConfigurableApplicationContext> projections = new ArrayList<>();

    SyncSystem(Databases databases) {
        this(databases, Map.of());
    }

    /** @param userServiceExtra properties of the user service over the defaults (e.g. the erasure deadline) */
    SyncSystem(Databases databases, Map<String, String> userServiceExtra) {
        this.databases = databases;
        Map<String, String> properties = userServiceProperties(databases, "http://localhost:" + projectionPort);
        properties.put("server.port", "0");
        properties.putAll(userServiceExtra);
        this.userService = run(UserCommandApplication.class, properties);
    }

    /** How every system here runs the user service: pointed at its projection and its event store. */
    private static Map<String, String> userServiceProperties(Databases databases, String projectionUrl) {
        return new HashMap<>(Map.of(
                "user-sync.projection-service.url",
                projectionUrl,
                "spring.datasource.url",
                databases.eventStoreUrl(),
                "spring.datasource.username",
                databases.username(),
                "spring.datasource.password",
                databases.password(),
                // Each system its own erasure journal, as each has its own event store.
                "user-sync.erasure-journal.datasource.url",
                "jdbc:h2:mem:journal-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                // Re-applied on demand only: a scheduled run in the middle of a test's restore of the event
                // store appended an erasure between its DELETE and INSERTs (duplicate key, later tests failed).
                "user-sync.erasure-journal.reapply-interval",
                "PT24H"));
    }

    Http users() {
        return Http.withDevAccounts(usersUrl());
    }

    String usersUrl() {
        return baseUrl(userService);
    }

    /** Starts a projection instance; extra properties override the defaults (e.g. the node id). */
    ConfigurableApplicationContext startProjection(Map<String, String> extra) {
        boolean portTaken = projections.stream().anyMatch(p -> port(p) == projectionPort);
        Map<String, String> properties = projectionProperties(extra);
        properties.putIfAbsent("server.port", portTaken ? "0" : String.valueOf(projectionPort));
        ConfigurableApplicationContext projection = run(ProjectionApplication.class, properties);
        projections.add(projection);
        return projection;
    }

    private Map<String, String> projectionProperties(Map<String, String> extra) {
        return projectionProperties(databases, baseUrl(userService), extra);
    }

    private static Map<String, String> projectionProperties(
            Databases databases, String userServiceUrl, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spring.datasource.url", databases.toolsUrl(),
                "spring.datasource.username", databases.username(),
                "spring.datasource.password", databases.password(),
                "user-sync.event-store.datasource.url", databases.eventStoreUrl(),
                "user-sync.event-store.datasource.username", databases.username(),
                "user-sync.event-store.datasource.password", databases.password(),
                // Only the operator retries dead letters in these tests, so outcomes are deterministic.
                "user-sync.dead-letters.initial-backoff", "1h",
                "user-sync.user-service.url", userServiceUrl));
        properties.putAll(extra);
        return properties;
    }

    /**
     * A projection instance in its own JVM, to be killed hard (SIGKILL). Needs databases another
     * process can reach (PostgreSQL).
     */
    Process startProjectionProcess(Map<String, String> extra) throws java.io.IOException {
        Map<String, String> properties = projectionProperties(extra);
        properties.putIfAbsent("server.port", "0");
        return startProcess(
                ProjectionApplication.class,
                properties,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
                java.io.File.createTempFile("projection-process", ".log").toPath());
    }

    /**
     * Both services in JVMs of their own, as in production, with these JVM options: what a benchmark of
     * each service's memory needs. Needs databases other processes can reach (PostgreSQL). Wait for
     * {@link Processes#awaitStarted} before calling them.
     */
    static Processes startProcesses(Databases databases, List<String> jvmOptions, java.nio.file.Path logDirectory)
            throws java.io.IOException {
        int usersPort = freePort();
        int projectionPort = freePort();
        Map<String, String> users = userServiceProperties(databases, "http://localhost:" + projectionPort);
        users.put("server.port", String.valueOf(usersPort));
        Map<String, String> projection = projectionProperties(
                databases, "http://localhost:" + usersPort, Map.of("server.port", String.valueOf(projectionPort)));
        java.nio.file.Files.createDirectories(logDirectory);
        Process usersProcess =
                startProcess(UserCommandApplication.class, users, jvmOptions, logDirectory.resolve("user-command.log"));
        Process projectionProcess = startProcess(
                ProjectionApplication.class, projection, jvmOptions, logDirectory.resolve("user-projection.log"));
        return new Processes(
                new Service(usersProcess, "http://localhost:" + usersPort),
                new Service(projectionProcess, "http://localhost:" + projectionPort));
    }

    /** A service in its own JVM. */
    record Service(Process process, String url) {

        Http http() {
            return Http.withDevAccounts(url);
        }

        long pid() {
            return process.pid();
        }
    }

    /** The user service and one projection, each in its own JVM. */
    record Processes(Service users, Service projection) implements AutoCloseable {

        /** Until both answer their health check; fails early when one of them exits. */
        void awaitStarted(java.time.Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Service service : List.of(users, projection)) {
                Http anonymous = new Http(service.url()).unchecked();
                while (true) {
                    if (!service.process().isAlive()) {
                        throw new IllegalStateException("A service exited on start, see its log: " + service.url());
                    }
                    try {
                        if (anonymous.get("/actuator/health").status() == 200) {
                            break;
                        }
                    } catch (java.io.UncheckedIOException notYetListening) {
                        // Starting.
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Not started within " + timeout + ": " + service.url());
                    }
                    Thread.sleep(200);
                }
            }
        }

        /** Stops both as an operator would (SIGTERM), the projection first; SIGKILL after 30 s. */
        @Override
        public void close() {
            for (Service service : List.of(projection, users)) {
                service.process().destroy();
                try {
                    if (!service.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        service.process().destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    service.process().destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** One of the two applications in a JVM of its own, on this test classpath, its output in the log. */
    private static Process startProcess(
            Class<?> application, Map<String, String> properties, List<String> jvmOptions, java.nio.file.Path log)
            throws java.io.IOException {
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), application.getName()));
        command.addAll(List.of(arguments(application, properties)));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    void stop(ConfigurableApplicationContext projection) {
        projection.close();
        projections.remove(projection);
    }

    /** The tools the first projection instance runs, as it lists them. */
    List<String> toolNames() {
        return java.util.stream.StreamSupport.stream(
                        http(projections.get(0)).get("/api/tools").json().spliterator(), false)
                .map(com.fasterxml.jackson.databind.JsonNode::asText)
                .toList();
    }

    /** Stops every projection instance; the user service keeps running. */
    void stopProjections() {
        new ArrayList<>(projections).forEach(this::stop);
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + port(context);
    }

    static Http http(ConfigurableApplicationContext context) {
        return Http.withDevAccounts("http://localhost:" + port(context));
    }

    static JdbcTemplate toolsDb(ConfigurableApplicationContext projection) {
        return new JdbcTemplate(projection.getBean(DataSource.class));
    }

    JdbcTemplate eventStoreDb() {
        return new JdbcTemplate(userService.getBean(DataSource.class));
    }

    /** Starts one of the two applications on this shared test classpath, as its own command line would. */
    static ConfigurableApplicationContext run(Class<?> application, Map<String, String> properties) {
        return new SpringApplicationBuilder(application).run(arguments(application, properties));
    }

    /**
     * As command-line arguments, which take precedence over each application's own configuration. Both
     * services ship an application.yml at the classpath root, so each is pointed at its own; and JPA, which
     * only the user service uses, is switched off for the projection (its jars are on this classpath).
     */
    private static String[] arguments(Class<?> application, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        // Pools open connections as they need them: several systems run side by side (one per test fork)
        // on one PostgreSQL server, whose connections are limited (100 by default).
        all.putIfAbsent("spring.datasource.hikari.minimum-idle", "1");
        String location =
                application.getProtectionDomain().getCodeSource().getLocation().toString();
        all.put(
                "spring.config.location",
                location.endsWith(".jar") ? "jar:" + location + "!/application.yml" : location + "application.yml");
        if (application == ProjectionApplication.class) {
            // The system tests' fourth tool brings its optional processor block (see CrmProjection).
            all.put("spring.config.additional-location", "classpath:crm-tool.yml");
            all.put(
                    "spring.autoconfigure.exclude",
                    String.join(
                            ",",
                            "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
                            "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration",
                            "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
                            "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration"));
        }
        return all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        stopProjections();
        userService.close();
    }
}
