package com.example.usersync.system;

import com.example.usersync.testing.Http;
import com.example.usersync.testing.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness of issue 11: both services in JVMs of their own on PostgreSQL, measured
 * against what PostgreSQL itself does in the same run, every figure next to its target. Run with
 * {@code ./benchmark.sh} (see BENCHMARKS.md); the table goes to {@code system-tests/target/benchmark-harness.txt}
 * and {@code .json}. Sizes are system properties so a short run can check the harness itself:
 * {@code benchmark.events} (store size before the replays, default 500,000),
 * {@code benchmark.heavy-user-events} (10,000), {@code benchmark.seconds} (per load phase, 30),
 * {@code benchmark.warmup-seconds} (30), {@code benchmark.samples} (per latency distribution, 200),
 * {@code benchmark.clients} (1,4,16), {@code benchmark.xmx} (each service's maximum heap, 1g).
 */
@Tag("benchmark")
class PerformanceHarnessBenchmarkTest {

    static final long EVENTS = Long.getLong("benchmark.events", 500_000);
    static final int HEAVY_USER_EVENTS = Integer.getInteger("benchmark.heavy-user-events", 10_000);
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 30));
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.warmup-seconds", 30));
    static final int SAMPLES = Integer.getInteger("benchmark.samples", 200);
    static final List<Integer> CLIENTS = Arrays.stream(
                    System.getProperty("benchmark.clients", "1,4,16").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    static final String XMX = System.getProperty("benchmark.xmx", "1g");
    /** How often a probe looks again whether the tools hold its user, or its erasure is confirmed. */
    static final long POLL_MILLIS = Long.getLong("benchmark.poll-millis", 2);

    static final Path TARGET = Path.of("target");
    static final double MIB = 1024 * 1024;

    private final ResultTable table = new ResultTable();
    private final Map<String, String> phases = new LinkedHashMap<>();
    private String phase;
    private long phaseStart;

    @Test
    void measuresEveryFigureOfIssue11AgainstItsReference() throws Exception {
        Instant began = Instant.now();
        try (PostgresTestDatabase events = PostgresTestDatabase.createOrSkip("bench_events");
                PostgresTestDatabase toolsDatabase = PostgresTestDatabase.createOrSkip("bench_tools");
                PostgresTestDatabase raw = PostgresTestDatabase.createOrSkip("bench_pgbench");
                SyncSystem.Processes system = SyncSystem.startProcesses(
                        SyncSystem.Databases.on(events, toolsDatabase),
                        List.of("-Xmx" + XMX),
                        TARGET.resolve("benchmark-harness-logs"))) {
            phase("start of both services");
            system.awaitStarted(Duration.ofMinutes(3));
            Http users = system.users().http().unchecked();
            Http projection = system.projection().http().unchecked();
            List<String> tools = StreamSupport.stream(
                            projection.get("/api/tools").json().spliterator(), false)
                    .map(JsonNode::asText)
                    .toList();
            EventStore store = new EventStore(events);
            Pgbench pgbench = new Pgbench(raw, TARGET.resolve("benchmark-harness-pgbench"));
            describe(tools);

            try (MemorySampler memory = new MemorySampler(system)) {
                CommandLoad load = new CommandLoad(users, tools);
                phase("warm-up " + WARM_UP.toSeconds() + " s");
                load.closedLoop(CommandLoad.Kind.MIXED, 4, WARM_UP);
                awaitCaughtUp(projection, tools, Duration.ofMinutes(30));

                double maxMixedRate = throughput(load, pgbench, projection, tools);

                phase("filling the store to " + EVENTS + " events");
                long before = store.count();
                CommandLoad.Outcome fill =
                        load.closedLoopUntil(CommandLoad.Kind.FILL, 16, () -> store.approximateCount() >= EVENTS);
                long appended = store.count() - before;
                long catchUpStart = System.nanoTime();
                awaitCaughtUp(projection, tools, Duration.ofHours(2));
                table.detail("fill", fill);
                table.info(
                        "filling the store: " + String.format("%,d", appended) + " events appended, 16 clients",
                        appended / fill.seconds(),
                        "events/s");
                table.info("the tools' catch-up after the fill", (System.nanoTime() - catchUpStart) / 1e6, "ms");

                propagation(users, projection, tools, load, maxMixedRate);
                heavyUser(users);
                awaitCaughtUp(projection, tools, Duration.ofMinutes(30));
                replays(users, projection, tools, store, events);

                phase("memory report");
                memory.report(table);
            }
            phase(null);
            table.describe("phases", phases);
            table.describe(
                    "duration",
                    Duration.between(began, Instant.now()).withNanos(0).toString());
            System.out.println(table.render());
            table.write(TARGET.resolve("benchmark-harness.txt"), TARGET.resolve("benchmark-harness.json"));
        }
    }

    /** Ends the current phase (its duration goes into the table's header) and starts the next, if any. */
    private void phase(String next) {
        long now = System.nanoTime();
        if (phase != null) {
            phases.put(
                    phase,
                    Duration.ofSeconds((now - phaseStart) / 1_000_000_000).toString());
        }
        phase = next;
        phaseStart = now;
        if (next != null) {
            System.out.println(
                    "[harness] " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + next);
        }
    }

    private void describe(List<String> tools) throws IOException, InterruptedException {
        table.describe(
                "date",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        table.describe(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, "
                        + Math.round(memTotalKib() / MIB) + " GiB, Java " + System.getProperty("java.version") + ", "
                        + pgbenchVersion());
        table.describe(
                "parameters",
                "events=%d heavy-user-events=%d seconds=%d warmup-seconds=%d samples=%d clients=%s xmx=%s"
                        .formatted(
                                EVENTS,
                                HEAVY_USER_EVENTS,
                                PHASE.toSeconds(),
                                WARM_UP.toSeconds(),
                                SAMPLES,
                                CLIENTS,
                                XMX));
        table.describe("tools", tools);
    }

    /**
     * pgbench's single-row commits, then register, patch and mixed commands, at each concurrency in
     * turn; the tools catch up between phases so no phase pays for the last one's backlog. Answers the
     * highest mixed command rate.
     */
    private double throughput(CommandLoad load, Pgbench pgbench, Http projection, List<String> tools) throws Exception {
        double maxMixedRate = 0;
        for (int clients : CLIENTS) {
            phase("throughput at " + clients + " client" + (clients == 1 ? "" : "s")
                    + ": pgbench, register, patch, mixed");
            Pgbench.Result raw = pgbench.inserts(clients, PHASE);
            table.detail("pgbench " + clients, raw);
            String reference = "pgbench " + clients + " client" + (clients == 1 ? "" : "s");
            table.info(reference + ": single-row commits", raw.tps(), "tx/s");
            table.info(reference + ": single-row commit p99", raw.latency().p99(), "ms");
            for (CommandLoad.Kind kind :
                    List.of(CommandLoad.Kind.REGISTER, CommandLoad.Kind.PATCH, CommandLoad.Kind.MIXED)) {
                CommandLoad.Outcome outcome = load.closedLoop(kind, clients, PHASE);
                awaitCaughtUp(projection, tools, Duration.ofMinutes(30));
                table.detail(outcome.kind() + " " + clients, outcome);
                assertThat(outcome.failed())
                        .as("failed %s commands, first: %s", outcome.kind(), outcome.firstFailure())
                        .isLessThanOrEqualTo(outcome.completed() / 100);
                String figure = outcome.kind() + ", " + clients + " connection" + (clients == 1 ? "" : "s");
                if (kind == CommandLoad.Kind.REGISTER && clients == 1) {
                    table.ratioAtLeast(figure, outcome.rate(), "cmd/s", raw.tps(), "tx/s, " + reference, 0.40);
                } else if (kind == CommandLoad.Kind.REGISTER && clients == 16) {
                    table.ratioAtLeast(figure, outcome.rate(), "cmd/s", raw.tps(), "tx/s, " + reference, 0.35);
                } else {
                    table.against(figure, outcome.rate(), "cmd/s", raw.tps(), "tx/s, " + reference);
                }
                if (kind == CommandLoad.Kind.REGISTER && clients == 16) {
                    table.atMost(figure + ", p99", outcome.latency().p99(), "ms", 50);
                } else {
                    table.info(figure + ", p99", outcome.latency().p99(), "ms");
                }
                if (kind == CommandLoad.Kind.MIXED) {
                    maxMixedRate = Math.max(maxMixedRate, outcome.rate());
                }
            }
        }
        return maxMixedRate;
    }

    /**
     * Sync latency (a registration until every tool holds the user) and erasure latency (a deletion
     * until every tool's receipt is recorded), sequential probes on the idle system, then again with
     * mixed commands at half the highest mixed rate measured in the background.
     */
    private void propagation(Http users, Http projection, List<String> tools, CommandLoad load, double maxMixedRate)
            throws Exception {
        phase("propagation, idle");
        Distribution[] idle = probe(users, projection, tools);
        table.detail("sync idle", idle[0]);
        table.detail("erasure idle", idle[1]);
        table.info("command → every tool, idle, p50", idle[0].p50(), "ms");
        table.atMost("command → every tool, idle, p99", idle[0].p99(), "ms", 50);
        table.info("delete → every receipt, idle, p50", idle[1].p50(), "ms");
        table.atMost("delete → every receipt, idle, p99", idle[1].p99(), "ms", 150);

        double halfRate = maxMixedRate / 2;
        phase("propagation under mixed load at %.0f cmd/s".formatted(halfRate));
        CommandLoad.Background background = load.openLoop(CommandLoad.Kind.MIXED, halfRate, 16);
        Distribution[] loaded;
        CommandLoad.Outcome backgroundOutcome;
        try {
            Thread.sleep(5_000);
            loaded = probe(users, projection, tools);
        } finally {
            backgroundOutcome = background.stop();
        }
        awaitCaughtUp(projection, tools, Duration.ofMinutes(30));
        table.detail("sync at half rate", loaded[0]);
        table.detail("erasure at half rate", loaded[1]);
        table.detail("background load", backgroundOutcome);
        table.against(
                "background mixed load (planned: half the highest mixed rate)",
                backgroundOutcome.rate(),
                "cmd/s",
                maxMixedRate,
                "cmd/s, the highest mixed rate");
        table.info("command → every tool, half rate, p50", loaded[0].p50(), "ms");
        table.atMost("command → every tool, half rate, p99", loaded[0].p99(), "ms", 100);
        table.info("delete → every receipt, half rate, p99", loaded[1].p99(), "ms");
    }

    /** {@link #SAMPLES} registrations then deletions, one at a time, after five not counted. */
    private static Distribution[] probe(Http users, Http projection, List<String> tools) throws InterruptedException {
        long[] sync = new long[SAMPLES];
        long[] erasure = new long[SAMPLES];
        for (int i = -5; i < SAMPLES; i++) {
            long start = System.nanoTime();
            String id = register(users, tools);
            for (String tool : tools) {
                while (projection.get("/api/tools/" + tool + "/users/" + id).status() != 200) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            long synced = System.nanoTime() - start;
            start = System.nanoTime();
            Http.Response deleted = users.delete(
                    "/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(202);
            while (!users.get("/api/erasures/" + id).json().get("complete").asBoolean()) {
                Thread.sleep(POLL_MILLIS);
            }
            long erased = System.nanoTime() - start;
            if (i >= 0) {
                sync[i] = synced;
                erasure[i] = erased;
            }
        }
        return new Distribution[] {Distribution.ofNanos(sync), Distribution.ofNanos(erasure)};
    }

    /**
     * A profile change of a user with {@link #HEAVY_USER_EVENTS} events against one of a user with a
     * single event, alternating, one at a time.
     */
    private void heavyUser(Http users) throws Exception {
        phase("a user with " + HEAVY_USER_EVENTS + " events");
        String heavy = register(users, List.of("billing"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger changes = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                while (changes.incrementAndGet() < HEAVY_USER_EVENTS) {
                    Http.Response changed = patch(users, heavy);
                    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
                }
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        pool.shutdown();
        long heavyVersion =
                users.get("/api/users/" + heavy).json().get("version").asLong();

        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < SAMPLES + 20; i++) {
            fresh.add(register(users, List.of("billing")));
        }
        long[] heavyNanos = new long[SAMPLES];
        long[] freshNanos = new long[SAMPLES];
        for (int i = -20; i < SAMPLES; i++) {
            long start = System.nanoTime();
            assertThat(patch(users, heavy).status()).isEqualTo(200);
            long heavyLatency = System.nanoTime() - start;
            start = System.nanoTime();
            assertThat(patch(users, fresh.get(i + 20)).status()).isEqualTo(200);
            long freshLatency = System.nanoTime() - start;
            if (i >= 0) {
                heavyNanos[i] = heavyLatency;
                freshNanos[i] = freshLatency;
            }
        }
        Distribution heavyLatency = Distribution.ofNanos(heavyNanos);
        Distribution freshLatency = Distribution.ofNanos(freshNanos);
        table.detail("heavy user version", heavyVersion);
        table.detail("heavy user patch", heavyLatency);
        table.detail("fresh user patch", freshLatency);
        String figure = "patch of a " + String.format("%,d", heavyVersion + 1) + "-event user";
        table.ratioAtMost(figure + ", p50", heavyLatency.p50(), "ms", freshLatency.p50(), "ms, a fresh user", 1.5);
        table.against(figure + ", p99", heavyLatency.p99(), "ms", freshLatency.p99(), "ms, a fresh user");
    }

    /**
     * Replays over the whole store: one tool and every tool from the start, then from a snapshot run;
     * each timed from the reset until the tools report no lag and no replay. The reference is the rate
     * of an ordered scan of the same event table, and for the snapshot rebuild the full replay.
     */
    private void replays(Http users, Http projection, List<String> tools, EventStore store, PostgresTestDatabase events)
            throws Exception {
        long count = store.count();
        table.describe("events in the store at the replays", count);
        phase("replays over " + count + " events");
        double scanRate = Pgbench.orderedScanRate(
                events.jdbcUrl(), events.username(), events.password(), "domain_event_entry", 1000, 3);
        table.info("raw ordered scan of domain_event_entry (pages of 1,000)", scanRate, "events/s");

        double nothing = replay(
                projection, List.of("billing"), Instant.now().minusMillis(1).toString());
        table.info("reset with nothing to replay (fixed cost)", nothing * 1000, "ms");
        double oneTool = replay(projection, List.of("billing"), "start");
        table.ratioAtLeast(
                "replay of one tool (billing) from the start",
                count / oneTool,
                "events/s",
                scanRate,
                "events/s, raw ordered scan",
                0.25);
        double allTools = replay(projection, tools, "start");
        table.against(
                "replay of all " + tools.size() + " tools from the start, per tool",
                count / allTools,
                "events/s",
                scanRate,
                "events/s, raw ordered scan");

        long runStart = System.nanoTime();
        Http.Response started = users.post("/api/admin/snapshot-runs", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String runId = started.json().get("runId").asText();
        JsonNode run;
        do {
            Thread.sleep(50);
            run = users.get("/api/admin/snapshot-runs/" + runId).json();
        } while (run.get("status").asText().equals("RUNNING"));
        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        table.info("snapshot run, " + run.get("users").asLong() + " live users", runSeconds * 1000, "ms");
        awaitCaughtUp(projection, tools, Duration.ofMinutes(30));

        double oneFromSnapshot = replay(projection, List.of("billing"), "snapshot");
        table.against(
                "rebuild of one tool from the snapshot run",
                oneFromSnapshot * 1000,
                "ms",
                oneTool * 1000,
                "ms, its replay from the start");
        double allFromSnapshot = replay(projection, tools, "snapshot");
        table.against(
                "rebuild of all tools from the snapshot run",
                allFromSnapshot * 1000,
                "ms",
                allTools * 1000,
                "ms, their replay from the start");
    }

    /** Seconds from resetting these tools until each reports no lag and no replay. */
    private static double replay(Http projection, List<String> tools, String from) throws InterruptedException {
        long start = System.nanoTime();
        for (String tool : tools) {
            Http.Response reset =
                    projection.post("/api/admin/processors/" + tool + "/reset", "{\"from\":\"" + from + "\"}");
            assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        }
        awaitCaughtUp(projection, tools, Duration.ofHours(2), 20);
        return (System.nanoTime() - start) / 1e9;
    }

    private static void awaitCaughtUp(Http projection, List<String> tools, Duration timeout)
            throws InterruptedException {
        awaitCaughtUp(projection, tools, timeout, 200);
    }

    private static void awaitCaughtUp(Http projection, List<String> tools, Duration timeout, long pollMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, JsonNode> status = new LinkedHashMap<>();
            projection
                    .get("/api/admin/processors")
                    .json()
                    .forEach(p -> status.put(p.get("name").asText(), p));
            boolean caughtUp = tools.stream()
                    .map(status::get)
                    .allMatch(p -> p != null
                            && !p.get("lag").isNull()
                            && p.get("lag").asLong() == 0
                            && !p.get("replaying").asBoolean()
                            && !p.get("segments").isEmpty());
            if (caughtUp) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Tools not caught up within " + timeout + ": " + status.values());
            }
            Thread.sleep(pollMillis);
        }
    }

    private static String register(Http users, List<String> tools) {
        Http.Response created =
                users.post("/api/users", """
                {"email":"probe-%s@example.com","displayName":"Probe","locale":"en","tools":%s}""".formatted(UUID.randomUUID(), SyncSystemTest.toolsJson(tools)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static Http.Response patch(Http users, String id) {
        return users.patch("/api/users/" + id, "{\"displayName\":\"Probe " + UUID.randomUUID() + "\"}");
    }

    private static long memTotalKib() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElse(0L);
    }

    private static String pgbenchVersion() throws IOException, InterruptedException {
        Process version = new ProcessBuilder(System.getProperty("benchmark.pgbench", "pgbench"), "--version")
                .redirectErrorStream(true)
                .start();
        String text = new String(version.getInputStream().readAllBytes()).trim();
        version.waitFor();
        return text.replace("pgbench (PostgreSQL) ", "PostgreSQL ").replaceAll(" \\(.*", "");
    }

    /** The event store, read (never written) to know how big it is. */
    private static final class EventStore {

        private final PostgresTestDatabase database;
        private long lastCount;
        private long lastRead;

        EventStore(PostgresTestDatabase database) {
            this.database = database;
        }

        long count() throws SQLException {
            return query("SELECT count(*) FROM domain_event_entry");
        }

        /** The highest global index, read at most once a second: cheap enough to ask before every command. */
        synchronized long approximateCount() {
            if (System.nanoTime() - lastRead > 1_000_000_000L) {
                try {
                    lastCount = query("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                lastRead = System.nanoTime();
            }
            return lastCount;
        }

        private long query(String sql) throws SQLException {
            try (Connection connection =
                            DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * Each service's heap in use (its own metric, {@code jvm.memory.used}, area heap) and resident set
     * (from {@code /proc}), sampled every second for the whole run; the peak RSS the kernel recorded
     * ({@code VmHWM}) at the end.
     */
    private static final class MemorySampler implements AutoCloseable {

        private final Map<String, SyncSystem.Service> services = new LinkedHashMap<>();
        private final Map<String, Double> maxHeap = new LinkedHashMap<>();
        private final Thread thread;
        private volatile boolean stopped;

        MemorySampler(SyncSystem.Processes system) {
            services.put("user-command", system.users());
            services.put("user-projection", system.projection());
            thread = new Thread(this::sample, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (!stopped) {
                services.forEach((name, service) -> {
                    try {
                        Http http = service.http().unchecked();
                        maxHeap.merge(name, metric(http, "jvm.memory.used?tag=area:heap"), Math::max);
                    } catch (RuntimeException e) {
                        // A sample lost (e.g. a timeout under load) is a sample less, not a failed run.
                    }
                });
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static double metric(Http http, String query) {
            Http.Response response = http.get("/actuator/metrics/" + query);
            if (response.status() != 200) {
                throw new IllegalStateException("metric " + query + ": HTTP " + response.status());
            }
            return response.json().get("measurements").get(0).get("value").asDouble();
        }

        void report(ResultTable table) throws IOException {
            for (Map.Entry<String, SyncSystem.Service> service : services.entrySet()) {
                String name = service.getKey();
                table.atMost(
                        name + ": heap used, max of 1 s samples",
                        maxHeap.getOrDefault(name, Double.NaN) / MIB,
                        "MiB",
                        512);
                table.info(
                        name + ": heap used after a full GC at the end (jcmd GC.run)",
                        heapAfterFullGc(service.getValue()) / MIB,
                        "MiB");
                table.info(
                        name + ": peak RSS (VmHWM)", status(service.getValue().pid(), "VmHWM") / 1024.0, "MiB");
            }
        }

        /** What the service holds on to: its heap after {@code jcmd <pid> GC.run}; NaN without jcmd. */
        private static double heapAfterFullGc(SyncSystem.Service service) {
            try {
                Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow())
                        .resolveSibling("jcmd");
                Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(service.pid()), "GC.run")
                        .redirectErrorStream(true)
                        .start();
                gc.getInputStream().readAllBytes();
                if (gc.waitFor() != 0) {
                    return Double.NaN;
                }
                return metric(service.http().unchecked(), "jvm.memory.used?tag=area:heap");
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }

        private static long status(long pid, String field) throws IOException {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith(field + ":"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst()
                    .orElseThrow();
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join();
        }
    }
}
