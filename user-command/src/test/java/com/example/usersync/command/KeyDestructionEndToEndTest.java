package com.example.usersync.command;

import com.example.usersync.events.privacy.JdbcSubjectKeys;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No user key outlives its destruction: after a DELETE answered, no instance of the user service
 * shows that user's plaintext (at once on the instance that erased, within 1 s on any other), and
 * the keys of erased users leave memory. Subclasses choose the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class KeyDestructionEndToEndTest {

    static final String DELETION = "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}";
    /** Beyond the cache's 1 s: scheduling slack of a loaded test machine, not a weaker guarantee. */
    static final Duration OTHER_INSTANCE_BOUND = Duration.ofMillis(1000);

    static final Duration SLACK = Duration.ofMillis(150);

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    SubjectKeys subjectKeys;

    Http http;

    @BeforeEach
    void client() {
        http = Http.withDevAccounts("http://localhost:" + port);
    }

    String register(String email) {
        Http.Response created = http.post("/api/users", """
                {"email":"%s","displayName":"Keycheck Person","locale":"en","plan":"TEAM","tools":["mailing"]}""".formatted(email));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static String uniqueEmail() {
        return "keycheck-" + UUID.randomUUID() + "@example.com";
    }

    /** A second instance of the user service on the same database, as in a scaled-out deployment. */
    ConfigurableApplicationContext startSecondInstance() {
        return new SpringApplicationBuilder(UserCommandApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=" + environment.getProperty("spring.datasource.username", "sa"),
                        "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Readers that GET a user's event log in a loop and note every response that showed the plaintext. */
    static final class Hammer implements AutoCloseable {

        record Read(long startedAt, boolean plaintext) {}

        final List<Read> reads = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean stop = new AtomicBoolean();
        final ExecutorService threads;

        Hammer(Http http, String id, String plaintext, int readers) {
            threads = Executors.newFixedThreadPool(readers);
            for (int i = 0; i < readers; i++) {
                threads.submit(() -> {
                    while (!stop.get()) {
                        long startedAt = System.nanoTime();
                        Http.Response events = http.get("/api/users/" + id + "/events");
                        assertThat(events.status()).isEqualTo(200);
                        reads.add(new Read(startedAt, events.body().contains(plaintext)));
                    }
                    return null;
                });
            }
        }

        List<Read> startedAfter(long nanos) {
            synchronized (reads) {
                return reads.stream().filter(read -> read.startedAt() > nanos).toList();
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Smoke
    @Test
    void aReaderHammeringTheEventLogDuringTheDeletionNeverSeesPlaintextOnceTheDeletionAnswered() throws Exception {
        for (int round = 0; round < 4; round++) {
            String email = uniqueEmail();
            String id = register(email);
            long answeredAt;
            Hammer hammer = new Hammer(http, id, email, 4);
            try (hammer) {
                Thread.sleep(150);
                assertThat(http.delete("/api/users/" + id, DELETION).status()).isEqualTo(202);
                answeredAt = System.nanoTime();
                Thread.sleep(1300);
            }
            assertThat(hammer.reads)
                    .as("the readers saw the user before the deletion")
                    .anyMatch(Hammer.Read::plaintext);
            List<Hammer.Read> after = hammer.startedAfter(answeredAt);
            assertThat(after).as("reads after the deletion answered").isNotEmpty();
            assertThat(after)
                    .as("reads after the deletion answered that showed plaintext")
                    .noneMatch(Hammer.Read::plaintext);
        }
    }

    @Test
    void afterADeletionOnOneInstanceAnotherInstanceShowsNoPlaintextWithinOneSecond() throws Exception {
        try (ConfigurableApplicationContext second = startSecondInstance()) {
            Http other = Http.withDevAccounts("http://localhost:" + port(second));
            for (int round = 0; round < 2; round++) {
                String email = uniqueEmail();
                String id = register(email);
                assertThat(other.get("/api/users/" + id + "/events").body())
                        .as("the other instance reads the user")
                        .contains(email);
                long answeredAt;
                Hammer hammer = new Hammer(other, id, email, 3);
                try (hammer) {
                    Thread.sleep(150);
                    assertThat(http.delete("/api/users/" + id, DELETION).status())
                            .isEqualTo(202);
                    answeredAt = System.nanoTime();
                    Thread.sleep(OTHER_INSTANCE_BOUND.plus(SLACK).toMillis() + 500);
                }
                List<Hammer.Read> late = hammer.startedAfter(
                        answeredAt + OTHER_INSTANCE_BOUND.plus(SLACK).toNanos());
                assertThat(late)
                        .as("reads on the other instance more than 1 s after the deletion")
                        .isNotEmpty();
                assertThat(late).as("...that showed plaintext").noneMatch(Hammer.Read::plaintext);
                assertThat(other.get("/api/users/" + id + "/events").body()).doesNotContain(email);
            }
        }
    }

    @Test
    void theKeysOfErasedUsersLeaveEveryInstancesCacheAndTheHeap() throws Exception {
        try (ConfigurableApplicationContext second = startSecondInstance()) {
            Http other = Http.withDevAccounts("http://localhost:" + port(second));
            JdbcSubjectKeys here = (JdbcSubjectKeys) subjectKeys;
            JdbcSubjectKeys there = (JdbcSubjectKeys) second.getBean(SubjectKeys.class);
            // The first exchange with an instance reads its API document for the contract check: not in the timed loop.
            assertThat(other.get("/api/users/" + UUID.randomUUID() + "/events").status())
                    .isEqualTo(404);
            Thread.sleep(1100);
            String keyClass = keyClassName();
            long baseline = liveInstances(keyClass);

            List<String> erased = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String id = register(uniqueEmail());
                assertThat(other.get("/api/users/" + id + "/events").status()).isEqualTo(200);
                assertThat(there.cachedSubjects())
                        .as("the other instance holds the key it just used")
                        .contains(id);
                assertThat(http.delete("/api/users/" + id, DELETION).status()).isEqualTo(202);
                assertThat(here.cachedSubjects())
                        .as("the erasing instance forgot the key at once")
                        .doesNotContain(id);
                erased.add(id);
            }
            Thread.sleep(OTHER_INSTANCE_BOUND.plus(SLACK).toMillis());

            assertThat(there.cachedSubjects())
                    .as("expired on the other instance")
                    .doesNotContainAnyElementsOf(erased);
            assertThat(here.cachedSubjects()).doesNotContainAnyElementsOf(erased);
            // Unusable after 1 s; the memory is released by Caffeine's scheduled clean-up, which runs at most
            // about a second later (its timer granularity), and by the next garbage collection.
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(liveInstances(keyClass))
                            .as("live %s instances after erasing 30 users, before: %d", keyClass, baseline)
                            .isLessThanOrEqualTo(baseline + 5));
        }
    }

    /** The class of an unwrapped user key, as Tink builds it. */
    String keyClassName() {
        String id = register(uniqueEmail());
        return subjectKeys.find(id).orElseThrow().getClass().getName();
    }

    /** Live instances of a class in this JVM, from a class histogram (which collects garbage first). */
    static long liveInstances(String className) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Assumptions.assumeTrue(Files.isExecutable(jcmd), "jcmd is needed for the heap check: " + jcmd);
        Process process = new ProcessBuilder(
                        jcmd.toString(), String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String histogram = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(histogram).isZero();
        AtomicLong count = new AtomicLong();
        AtomicInteger lines = new AtomicInteger();
        histogram.lines().map(String::trim).forEach(line -> {
            lines.incrementAndGet();
            String[] columns = line.split("\\s+");
            // "num: #instances #bytes class name (module)"
            if (columns.length >= 4 && columns[3].equals(className)) {
                count.addAndGet(Long.parseLong(columns[1]));
            }
        });
        assertThat(lines.get()).as(histogram).isGreaterThan(10);
        return count.get();
    }
}
