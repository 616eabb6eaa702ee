package com.example.usersync.projection.eventstore;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the tools' processors that the user service may have appended events, so each reads at once
 * instead of after Axon's fixed idle wait (500 ms for a stream that cannot call back). {@link AppendWatch}
 * signals on every PostgreSQL notification of an append and, as the fallback that makes a lost
 * notification cost latency but never an event, on every poll.
 */
final class AppendSignal {

    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();

    void add(Runnable callback) {
        waiting.add(callback);
    }

    void remove(Runnable callback) {
        waiting.remove(callback);
    }

    /** Wakes every open stream's processor; each then reads what the store holds beyond its position. */
    void signal() {
        waiting.forEach(Runnable::run);
    }
}
