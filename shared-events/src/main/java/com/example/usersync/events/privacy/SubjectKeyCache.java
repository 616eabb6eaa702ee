package com.example.usersync.events.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.crypto.tink.Aead;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unwrapped subject keys one process holds, so that not every decryption reads the key table.
 * Three promises, because a cached key is plaintext personal data in waiting:
 * <ul>
 *   <li><b>Bounded lifetime.</b> A key is used at most {@code expireAfterWrite} (at most
 *   {@link #MAXIMUM_EXPIRY 1 s}) after the database read that returned it began. A key the database
 *   returned was not destroyed before that read began, so every other process stops using a key no
 *   later than that long after its destruction committed. Expired keys are never returned, and a
 *   scheduler removes them without waiting for the next access (within about a second more:
 *   Caffeine's timer granularity); the cache holds at most {@code maximumSize} keys.</li>
 *   <li><b>Destroyed here, gone here.</b> {@link #forget} removes the key at once.</li>
 *   <li><b>No re-insertion.</b> A load that began before a {@link #forget} never puts its key back
 *   afterwards: every forget moves an epoch, and an insert only happens when the epoch is still the
 *   one the load saw at its start, checked inside {@code asMap().compute} on the subject's entry,
 *   which a forget's invalidation of the same entry cannot interleave with. A load that lost that
 *   check is not cached, and its caller re-reads the database. The epoch is per process, not per
 *   subject: a destroy makes concurrent loads of other subjects skip caching once, which costs a
 *   query, but needs no marker whose lifetime must outlast every load.</li>
 * </ul>
 * The JVM may still hold copies of a forgotten key (a caller mid-decryption, garbage not yet
 * collected); no reference to it remains reachable from here.
 */
public final class SubjectKeyCache {

    /** The longest a cached key may be used after the read that returned it began. */
    public static final Duration MAXIMUM_EXPIRY = Duration.ofSeconds(1);

    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

    /** Where a load began: the epoch it saw and the time it read the database. */
    public record Load(long epoch, long startedAt) {}

    private record Cached(Aead aead, long readAt) {}

    private final Ticker ticker;
    private final long expiryNanos;
    private final Cache<String, Cached> keys;
    private final AtomicLong epoch = new AtomicLong();

    /**
     * @param expireAfterWrite how long a key may be used after it was read, from 0 (no caching) to 1 s
     * @param maximumSize      how many keys at most
     */
    public SubjectKeyCache(Duration expireAfterWrite, long maximumSize) {
        this(expireAfterWrite, maximumSize, Ticker.systemTicker());
    }

    SubjectKeyCache(Duration expireAfterWrite, long maximumSize, Ticker ticker) {
        if (expireAfterWrite == null
                || expireAfterWrite.isNegative()
                || expireAfterWrite.compareTo(MAXIMUM_EXPIRY) > 0) {
            throw new IllegalArgumentException("The subject key cache's expire-after-write must be between 0 and "
                    + MAXIMUM_EXPIRY.toMillis() + " ms, was " + expireAfterWrite);
        }
        if (maximumSize < 0) {
            throw new IllegalArgumentException(
                    "The subject key cache's maximum size must not be negative, was " + maximumSize);
        }
        this.ticker = ticker;
        this.expiryNanos = expireAfterWrite.toNanos();
        Caffeine<String, Cached> builder = Caffeine.newBuilder()
                .maximumSize(expiryNanos == 0 ? 0 : maximumSize)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Cached>() {
                    @Override
                    public long expireAfterCreate(String subject, Cached cached, long now) {
                        return remaining(cached, now);
                    }

                    @Override
                    public long expireAfterUpdate(String subject, Cached cached, long now, long currentDuration) {
                        return remaining(cached, now);
                    }

                    @Override
                    public long expireAfterRead(String subject, Cached cached, long now, long currentDuration) {
                        return currentDuration;
                    }
                });
        if (ticker == Ticker.systemTicker()) {
            // Expired keys leave memory on time, not whenever the cache is next touched.
            builder.scheduler(Scheduler.systemScheduler());
        }
        this.keys = builder.build();
    }

    private long remaining(Cached cached, long now) {
        return Math.max(0, cached.readAt() + expiryNanos - now);
    }

    /** A cached key, if one is held and still within its lifetime. */
    public Optional<Aead> get(String subject) {
        return Optional.ofNullable(keys.getIfPresent(subject)).map(Cached::aead);
    }

    /** Call right before reading a key from the database; pass the result to {@link #remember}. */
    public Load startLoad() {
        return new Load(epoch.get(), ticker.read());
    }

    /**
     * Caches a key read since {@code load} began, unless a {@link #forget} ran in between.
     *
     * @return false when a forget ran since the load began: the key may be one that was destroyed,
     * so the caller must not trust it without reading the database again
     */
    public boolean remember(String subject, Load load, Aead aead) {
        if (expiryNanos == 0) {
            return epoch.get() == load.epoch();
        }
        boolean[] current = {false};
        keys.asMap().compute(subject, (key, held) -> {
            if (epoch.get() != load.epoch()) {
                return held;
            }
            current[0] = true;
            return new Cached(aead, load.startedAt());
        });
        return current[0];
    }

    /** Drops the subject's key and keeps every load that is under way from caching what it read. */
    public void forget(String subject) {
        epoch.incrementAndGet();
        keys.invalidate(subject);
    }

    /** The subjects whose keys are held right now, after removing expired ones. For checks and tests. */
    public Set<String> subjects() {
        keys.cleanUp();
        return Set.copyOf(keys.asMap().keySet());
    }
}
