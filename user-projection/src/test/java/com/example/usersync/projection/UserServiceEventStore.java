package com.example.usersync.projection;

import com.example.usersync.events.EventSerialization;
import com.example.usersync.events.EventStoreSchema;
import com.example.usersync.events.privacy.JdbcSubjectKeys;
import com.example.usersync.events.privacy.MasterKey;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.testing.TestSecrets;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The user service's side of an H2 event store, for tests of this service alone: its schema (migrated
 * before this service starts reading it) and a storage engine that appends as the user service does,
 * with the same serializer and subject keys.
 */
public final class UserServiceEventStore {

    private UserServiceEventStore() {}

    /** Appends a user's registration, entitled to {@code tools}, as the user service would; returns its id. */
    public static UUID register(JdbcEventStorageEngine store, List<String> tools) {
        UUID user = UUID.randomUUID();
        store.appendEvents(new GenericDomainEventMessage<>(
                "User",
                user.toString(),
                0,
                new UserRegistered(
                        user,
                        new UserProfile(user + "@example.com", "Registered", "en", "UTC"),
                        new UserAccess(Plan.TEAM, tools))));
        return user;
    }

    public static JdbcEventStorageEngine h2(String url) {
        DriverManagerDataSource events = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure()
                .dataSource(events)
                .locations("classpath:db/event-store", "classpath:db/event-store-h2")
                .load()
                .migrate();
        SpringDataSourceConnectionProvider connections = new SpringDataSourceConnectionProvider(events);
        return EventStoreSchema.storageEngine(
                        connections,
                        NoTransactionManager.INSTANCE,
                        EventSerialization.serializer(new JdbcSubjectKeys(
                                connections, MasterKey.fromBase64(TestSecrets.MASTER_KEY), true, Duration.ZERO)),
                        NoOpEventUpcaster.INSTANCE)
                .build();
    }
}
