package com.example.usersync.system;

import com.example.usersync.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No personal data in any log line, at any level: the whole system runs with the root logger at
 * DEBUG (and the loggers that print bound SQL values at TRACE) through invalid registrations, a
 * registration race, duplicate emails, a tool write that fails, is dead-lettered, fails again on retry and then succeeds; then not
 * one email or display name used may appear in the application's output (nor, on PostgreSQL, in the
 * server's log). Subclasses pick the databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class NoPersonalDataInLogsTest {

    /** Set as system properties, so both services of the system start with them. */
    static final Map<String, String> VERBOSE = Map.of(
            "logging.level.root", "DEBUG",
            "logging.level.org.hibernate.orm.jdbc.bind", "TRACE",
            "logging.level.org.hibernate.orm.jdbc.extract", "TRACE",
            "logging.level.org.springframework.jdbc.core.StatementCreatorUtils", "TRACE",
            "logging.level.org.springframework.web", "TRACE");

    /** Every email and display name the scenario sends: none may appear in a log. */
    final List<String> personalData = new ArrayList<>();

    abstract SyncSystem.Databases databases();

    /** Called before the system starts. */
    void beforeStart() {}

    /** Checks what else the databases logged while the scenario ran. */
    void assertDatabaseLogsHoldNone(List<String> personalData) {}

    /** Checks the connections of the running system. */
    void assertConnections(SyncSystem system, ConfigurableApplicationContext projection) {}

    @BeforeAll
    void verbose() {
        VERBOSE.forEach(System::setProperty);
    }

    @AfterAll
    void quiet() {
        VERBOSE.keySet().forEach(System::clearProperty);
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
        VERBOSE.keySet().stream()
                .map(key -> key.substring("logging.level.".length()))
                .filter(name -> !name.equals("root"))
                .forEach(name -> logging.setLogLevel(name, null));
    }

    @Test
    void noEmailOrNameAppearsInAnyLogLineAtDebug(CapturedOutput output) throws Exception {
        beforeStart();
        try (SyncSystem system = new SyncSystem(databases())) {
            Http users = system.users();
            ConfigurableApplicationContext projection = system.startProjection(Map.of());
            Http tools = SyncSystem.http(projection);
            JdbcTemplate toolsDb = SyncSystem.toolsDb(projection);
            toolsDb.execute(
                    "ALTER TABLE mailing_contact ADD CONSTRAINT logcheck_poison CHECK (display_name NOT LIKE 'Logcheck Poison%')");

            invalidRegistrations(users);
            String raced = registrationRace(users);
            String taken = duplicateEmails(users, raced);
            String poisoned = deadLetteredAndRetried(users, tools, toolsDb);

            for (String id : List.of(raced, taken, poisoned)) {
                assertThat(users.get("/api/users/" + id).status()).isEqualTo(200);
                assertThat(users.get("/api/users/" + id + "/export").status()).isEqualTo(200);
                assertThat(tools.get("/api/tools/mailing/users/" + id).status()).isEqualTo(200);
            }
            assertThat(users.get("/api/users?limit=50").status()).isEqualTo(200);
            assertThat(tools.get("/api/tools/billing/users").status()).isEqualTo(200);
            assertConnections(system, projection);
        }

        String logs = output.getAll();
        assertThat(logs).as("the scenario ran at DEBUG").contains("DEBUG");
        assertThat(linesWithAny(logs, personalData))
                .as("application log lines with an email or a name")
                .isEmpty();
        assertDatabaseLogsHoldNone(personalData);
    }

    /** The lines that hold any of the values (ignoring case), so that a failure shows where, not the whole log. */
    static List<String> linesWithAny(String log, List<String> values) {
        List<String> lowerCase =
                values.stream().map(v -> v.toLowerCase(java.util.Locale.ROOT)).toList();
        return log.lines()
                .filter(line -> {
                    String lower = line.toLowerCase(java.util.Locale.ROOT);
                    return lowerCase.stream().anyMatch(lower::contains);
                })
                .limit(50)
                .toList();
    }

    /** Refused by validation: the rejected values must not be logged either. */
    private void invalidRegistrations(Http users) {
        String tooLong = name("Logcheck Too Long " + "x".repeat(100));
        assertThat(register(users, email("long"), tooLong).status()).isEqualTo(400);
        String notAnEmail = "logcheck.invalid." + UUID.randomUUID().toString().substring(0, 13) + "@";
        personalData.add(notAnEmail);
        assertThat(register(users, notAnEmail, name("Logcheck Invalid")).status())
                .isEqualTo(400);
    }

    /** The same email from many callers at once: one registers, the others are refused. */
    private String registrationRace(Http users) throws Exception {
        String email = email("race");
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Http.Response>> registrations = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                registrations.add(() -> register(users, email, name("Logcheck Racer")));
            }
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> response : callers.invokeAll(registrations)) {
                responses.add(response.get());
            }
            assertThat(responses)
                    .extracting(Http.Response::status)
                    .containsOnly(201, 409)
                    .containsOnlyOnce(201);
            return responses.stream()
                    .filter(r -> r.status() == 201)
                    .findFirst()
                    .orElseThrow()
                    .json()
                    .get("id")
                    .asText();
        } finally {
            callers.shutdownNow();
        }
    }

    /** Registering, or changing to, an email another user holds (in another case, too). */
    private String duplicateEmails(Http users, String holder) {
        String email = users.get("/api/users/" + holder).json().get("email").asText();
        assertThat(register(users, email.toUpperCase(), name("Logcheck Duplicate"))
                        .status())
                .isEqualTo(409);
        Http.Response other = register(users, email("other"), name("Logcheck Other"));
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        String id = other.json().get("id").asText();
        assertThat(users.patch("/api/users/" + id, "{\"email\":\"" + email + "\"}")
                        .status())
                .isEqualTo(409);
        return id;
    }

    /** A tool write the tool's database refuses: dead-lettered, retried in vain, fixed, retried. */
    private String deadLetteredAndRetried(Http users, Http tools, JdbcTemplate toolsDb) {
        Http.Response created = register(users, email("poison"), name("Logcheck Poison"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tools.get("/api/admin/processors/mailing/dead-letters")
                        .body()
                        .contains(id));

        Http.Response failing = tools.post("/api/admin/processors/mailing/dead-letters/" + id + "/retry", null);
        assertThat(failing.status()).as(failing.body()).isEqualTo(200);
        assertThat(failing.json().get("succeeded").asBoolean()).isFalse();

        toolsDb.execute("ALTER TABLE mailing_contact DROP CONSTRAINT logcheck_poison");
        Http.Response fixed = tools.post("/api/admin/processors/mailing/dead-letters/" + id + "/retry", null);
        assertThat(fixed.json().get("succeeded").asBoolean()).as(fixed.body()).isTrue();
        return id;
    }

    private Http.Response register(Http users, String email, String displayName) {
        return users.post("/api/users", """
                {"email":"%s","displayName":"%s","locale":"de-CH","plan":"TEAM","tools":["billing","mailing"]}""".formatted(email, displayName));
    }

    private String email(String purpose) {
        String email =
                "logcheck." + purpose + "." + UUID.randomUUID().toString().substring(0, 13) + "@example.org";
        personalData.add(email);
        return email;
    }

    private String name(String prefix) {
        String name = prefix + " " + UUID.randomUUID().toString().substring(0, 13);
        personalData.add(name);
        return name;
    }
}
