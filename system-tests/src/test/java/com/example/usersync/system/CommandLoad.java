package com.example.usersync.system;

import com.example.usersync.testing.Http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The project's own load on the user service over HTTP: N clients each sending commands back to back
 * (closed loop), or commands started at a fixed rate whatever the answers take (open loop, latency
 * counted from the planned start so a slow answer cannot hide the ones queued behind it).
 */
final class CommandLoad {

    enum Kind {
        /** A new user entitled to every tool. */
        REGISTER,
        /** A profile change of a random existing user. */
        PATCH,
        /** 20% register, 60% profile changes, 15% access changes, 5% deletions (GDPR erasure). */
        MIXED,
        /** A new user and nine changes of its profile: ten events per user, to grow the store. */
        FILL
    }

    /**
     * @param completed commands answered with a 2xx
     * @param refused   answered 409, 410 or 412 (a concurrent change or deletion of the same user)
     * @param failed    any other answer or no answer
     */
    record Outcome(
            String kind,
            int clients,
            long completed,
            long refused,
            long failed,
            double seconds,
            Distribution latency,
            String firstFailure) {

        double rate() {
            return completed / seconds;
        }
    }

    private static final String[] PLANS = {"FREE", "TEAM", "BUSINESS", "ENTERPRISE"};

    private final Http users;
    private final String toolsJson;
    /** Users the load may change; a deletion takes its user out. */
    private final List<String> live = new ArrayList<>();

    CommandLoad(Http users, List<String> tools) {
        this.users = users.unchecked();
        this.toolsJson = SyncSystemTest.toolsJson(tools);
    }

    /** {@code clients} clients, each sending the next command when the last one was answered, for the duration. */
    Outcome closedLoop(Kind kind, int clients, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        return run(kind, clients, 0, () -> System.nanoTime() >= end);
    }

    /** As {@link #closedLoop} until {@code done} says so (checked before every command). */
    Outcome closedLoopUntil(Kind kind, int clients, BooleanSupplier done) throws InterruptedException {
        return run(kind, clients, 0, done);
    }

    /** Commands at {@code perSecond} in the background from {@code clients} threads, until {@link Background#stop}. */
    Background openLoop(Kind kind, double perSecond, int clients) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        result.set(run(kind, clients, (long) (1e9 / perSecond), stop::get));
                    } catch (Throwable e) {
                        result.set(e);
                    }
                },
                "open-loop-" + kind);
        thread.start();
        return new Background(stop, thread, result);
    }

    record Background(AtomicBoolean stopFlag, Thread thread, AtomicReference<Object> result) {

        Outcome stop() throws InterruptedException {
            stopFlag.set(true);
            thread.join();
            if (result.get() instanceof Throwable failure) {
                throw new IllegalStateException("The background load failed", failure);
            }
            return (Outcome) result.get();
        }
    }

    private Outcome run(Kind kind, int clients, long intervalNanos, BooleanSupplier done) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long[][] latencies = new long[clients][];
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(
                    () -> {
                        long[] mine = new long[1024];
                        int count = 0;
                        while (!done.getAsBoolean()) {
                            long planned = System.nanoTime();
                            if (intervalNanos > 0) {
                                planned = start + next.getAndIncrement() * intervalNanos;
                                long wait;
                                while ((wait = planned - System.nanoTime()) > 0 && !done.getAsBoolean()) {
                                    LockSupport.parkNanos(Math.min(wait, 10_000_000));
                                }
                                if (done.getAsBoolean()) {
                                    break;
                                }
                            }
                            int status;
                            try {
                                status = execute(kind);
                            } catch (RuntimeException e) {
                                status = -1;
                                firstFailure.compareAndSet(null, e.toString());
                            }
                            long latency = System.nanoTime() - planned;
                            if (status >= 200 && status < 300) {
                                if (count == mine.length) {
                                    mine = Arrays.copyOf(mine, count * 2);
                                }
                                mine[count++] = latency;
                            } else if (status == 409 || status == 410 || status == 412) {
                                refused.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                if (status > 0) {
                                    firstFailure.compareAndSet(null, "HTTP " + status);
                                }
                            }
                        }
                        latencies[client] = Arrays.copyOf(mine, count);
                    },
                    "load-" + kind + "-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
        return new Outcome(
                kind.name().toLowerCase(),
                clients,
                all.length,
                refused.get(),
                failed.get(),
                seconds,
                Distribution.ofNanos(all),
                firstFailure.get());
    }

    /** One command (a FILL counts as its last), answering its HTTP status. */
    private int execute(Kind kind) {
        return switch (kind) {
            case REGISTER -> register() == null ? 0 : 201;
            case PATCH -> patch(randomLiveUser());
            case MIXED -> {
                int dice = ThreadLocalRandom.current().nextInt(100);
                if (dice < 20) {
                    yield register() == null ? 0 : 201;
                } else if (dice < 80) {
                    yield patch(randomLiveUser());
                } else if (dice < 95) {
                    yield changeAccess(randomLiveUser());
                }
                yield delete(takeRandomLiveUser());
            }
            case FILL -> {
                String id = register();
                int status = id == null ? 0 : 201;
                for (int i = 0; i < 9 && id != null; i++) {
                    status = patch(id);
                }
                yield status;
            }
        };
    }

    /** A new user entitled to every tool, its id (null when refused). */
    String register() {
        Http.Response created = users.post("/api/users", """
                {"email":"bench-%s@example.com","displayName":"Bench","locale":"en-GB","plan":"TEAM","tools":%s}""".formatted(UUID.randomUUID(), toolsJson));
        if (created.status() != 201) {
            return null;
        }
        String id = created.json().get("id").asText();
        synchronized (live) {
            live.add(id);
        }
        return id;
    }

    int patch(String id) {
        if (id == null) {
            return register() == null ? 0 : 201;
        }
        return users.patch(
                        "/api/users/" + id,
                        "{\"displayName\":\"Bench "
                                + ThreadLocalRandom.current().nextInt(1_000_000_000) + "\"}")
                .status();
    }

    private int changeAccess(String id) {
        if (id == null) {
            return register() == null ? 0 : 201;
        }
        String plan = PLANS[ThreadLocalRandom.current().nextInt(PLANS.length)];
        return users.put("/api/users/" + id + "/access", "{\"plan\":\"" + plan + "\",\"tools\":" + toolsJson + "}")
                .status();
    }

    private int delete(String id) {
        if (id == null) {
            return register() == null ? 0 : 201;
        }
        return users.delete("/api/users/" + id, "{\"reason\":\"ACCOUNT_CLOSED\",\"requestedBy\":\"CUSTOMER_SUPPORT\"}")
                .status();
    }

    private String randomLiveUser() {
        synchronized (live) {
            return live.isEmpty() ? null : live.get(ThreadLocalRandom.current().nextInt(live.size()));
        }
    }

    private String takeRandomLiveUser() {
        synchronized (live) {
            if (live.isEmpty()) {
                return null;
            }
            int index = ThreadLocalRandom.current().nextInt(live.size());
            String id = live.get(index);
            live.set(index, live.get(live.size() - 1));
            live.remove(live.size() - 1);
            return id;
        }
    }
}
