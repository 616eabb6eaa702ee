package com.example.usersync.events.privacy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.google.crypto.tink.Aead;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The subject key cache never lets a key outlive its destruction. */
class SubjectKeyCacheTest {

    static final Aead MASTER = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

    /** Over an H2 in-memory database; can stall a connection's close, i.e. after a read and before the cache insert. */
    static final class Database implements ConnectionProvider {

        record Gate(CountDownLatch reached, CountDownLatch release) {}

        final JdbcDataSource dataSource = new JdbcDataSource();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicReference<Gate> nextClose = new AtomicReference<>();

        Database() throws SQLException {
            dataSource.setURL("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("""
                        CREATE TABLE subject_key (subject_id VARCHAR(36) PRIMARY KEY, wrapped_key BYTEA,
                        created_at TIMESTAMP WITH TIME ZONE NOT NULL, destroyed_at TIMESTAMP WITH TIME ZONE)""");
            }
        }

        /** The next connection opened blocks in close() until released. */
        Gate stallNextConnection() {
            Gate gate = new Gate(new CountDownLatch(1), new CountDownLatch(1));
            nextClose.set(gate);
            return gate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            opened.incrementAndGet();
            Connection real = dataSource.getConnection();
            // Inside a unit of work, like the command's transaction; autocommit elsewhere.
            real.setAutoCommit(!CurrentUnitOfWork.isStarted());
            Gate gate = nextClose.getAndSet(null);
            if (gate == null) {
                return real;
            }
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("close")) {
                            gate.reached().countDown();
                            gate.release().await(10, TimeUnit.SECONDS);
                        }
                        try {
                            return method.invoke(real, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    Database database;
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;

    @BeforeEach
    void keyTable() throws SQLException {
        database = new Database();
    }

    JdbcSubjectKeys keys(Duration expiry, long maximumSize) {
        return new JdbcSubjectKeys(
                new UnitOfWorkAwareConnectionProviderWrapper(database),
                MASTER,
                true,
                new SubjectKeyCache(expiry, maximumSize, ticker));
    }

    /** A subject with a key that the given instance has not cached. */
    String subjectWithKey() {
        String subject = UUID.randomUUID().toString();
        keys(Duration.ZERO, 0).findOrCreate(subject);
        return subject;
    }

    @Test
    void aReadThatRacesTheDestroyNeverPutsTheDestroyedKeyBack() throws Exception {
        JdbcSubjectKeys keys = keys(Duration.ofSeconds(1), 100);
        String subject = subjectWithKey();

        Database.Gate gate = database.stallNextConnection();
        CompletableFuture<Optional<Aead>> racingRead = CompletableFuture.supplyAsync(() -> keys.find(subject));
        assertThat(gate.reached().await(10, TimeUnit.SECONDS))
                .as("the read got the key from the database")
                .isTrue();
        keys.destroy(subject);
        gate.release().countDown();

        assertThat(racingRead.get(10, TimeUnit.SECONDS))
                .as("the racing read re-checked the tombstone")
                .isEmpty();
        assertThat(keys.find(subject)).isEmpty();
        assertThat(keys.cachedSubjects()).doesNotContain(subject);
    }

    @Test
    void aReadWhileTheDeletionIsUncommittedIsForgottenWhenItCommits() {
        JdbcSubjectKeys keys = keys(Duration.ofSeconds(1), 100);
        String subject = subjectWithKey();
        AtomicReference<Optional<Aead>> readMeanwhile = new AtomicReference<>();

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            keys.destroy(subject);
            assertThat(keys.find(subject))
                    .as("the deleting transaction sees its tombstone")
                    .isEmpty();
            readMeanwhile.set(
                    CompletableFuture.supplyAsync(() -> keys.find(subject)).join());
        });

        assertThat(readMeanwhile.get())
                .as("other readers see the committed key until the commit")
                .isPresent();
        assertThat(keys.cachedSubjects()).doesNotContain(subject);
        assertThat(keys.find(subject)).isEmpty();
    }

    @Test
    void aRolledBackDeletionLeavesTheKeyReadable() {
        JdbcSubjectKeys keys = keys(Duration.ofSeconds(1), 100);
        String subject = subjectWithKey();

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        keys.destroy(subject);
        unitOfWork.rollback();

        assertThat(keys.find(subject)).isPresent();
        assertThat(keys.cachedSubjects()).contains(subject);
    }

    @Test
    void aDestroyedKeyLeavesTheCacheAtOnce() {
        JdbcSubjectKeys keys = keys(Duration.ofSeconds(1), 100);
        String subject = subjectWithKey();
        String other = subjectWithKey();
        keys.find(subject);
        keys.find(other);
        assertThat(keys.cachedSubjects()).containsExactlyInAnyOrder(subject, other);

        keys.destroy(subject);

        assertThat(keys.cachedSubjects()).containsExactly(other);
    }

    @Test
    void aCachedKeyIsUsedAtMostItsExpiryAfterItWasReadThenTheDatabaseDecides() {
        JdbcSubjectKeys reader = keys(Duration.ofMillis(800), 100);
        JdbcSubjectKeys otherInstance = keys(Duration.ofMillis(800), 100);
        String subject = subjectWithKey();
        reader.find(subject);
        int reads = database.opened.get();

        nanos.addAndGet(Duration.ofMillis(799).toNanos());
        assertThat(reader.find(subject)).isPresent();
        assertThat(database.opened.get()).as("served from the cache").isEqualTo(reads);
        otherInstance.destroy(subject);

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(reader.find(subject))
                .as("expired: the other instance's destroy is seen")
                .isEmpty();
        assertThat(reader.cachedSubjects()).isEmpty();
    }

    @Test
    void theCacheHoldsAtMostItsMaximumSize() {
        JdbcSubjectKeys keys = keys(Duration.ofSeconds(1), 3);
        for (int i = 0; i < 10; i++) {
            keys.find(subjectWithKey());
        }

        assertThat(keys.cachedSubjects()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aZeroExpiryCachesNothing() {
        JdbcSubjectKeys keys = keys(Duration.ZERO, 100);
        String subject = subjectWithKey();

        assertThat(keys.find(subject)).isPresent();
        assertThat(keys.cachedSubjects()).isEmpty();
    }

    @Test
    void anExpiryAboveOneSecondOrBelowZeroIsRefused() {
        assertThatThrownBy(() -> new SubjectKeyCache(Duration.ofMillis(1001), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 1000 ms");
        assertThatThrownBy(() -> new SubjectKeyCache(Duration.ofMillis(-1), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubjectKeyCache(Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JdbcSubjectKeys(database, MASTER, false, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
