package com.example.usersync.projection.reconciliation;

import com.example.usersync.events.user.Plan;
import com.example.usersync.projection.tools.ToolProjection;
import com.example.usersync.projection.tools.ToolRegistry;
import com.example.usersync.projection.tools.ToolTable;
import com.example.usersync.projection.tools.UserState;
import com.example.usersync.projection.userservice.UserServiceClient;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** How reconciliation pages through rows and source, judges, and counts; the tool and the source are stand-ins. */
class ReconcilerTest {

    static final UUID A = id(1), B = id(2), C = id(3), D = id(4), E = id(5), F = id(6);

    ToolProjection<?> projection = mock(ToolProjection.class);

    @SuppressWarnings("rawtypes")
    ToolTable mailing = mock(ToolTable.class);

    UserServiceClient userService = mock(UserServiceClient.class);
    Reconciler reconciler;

    static UUID id(int n) {
        return UUID.fromString("00000000-0000-0000-0000-00000000000" + n);
    }

    @BeforeEach
    void wire() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:reconciler-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/user-projection", "classpath:db/access-log")
                .load()
                .migrate();
        ToolRegistry registry = mock(ToolRegistry.class);
        when(registry.tool("mailing")).thenReturn(Optional.of(projection));
        when(projection.name()).thenReturn("mailing");
        when(projection.holds(any())).thenAnswer(call -> ((Collection<?>) call.getArgument(0)).contains("mailing"));
        when(projection.table()).thenReturn(mailing);
        reconciler = new Reconciler(registry, userService, JdbcClient.create(dataSource), 2, Clock.systemUTC());
    }

    static UserServiceClient.ChecksumPage page(String nextCursor, UserServiceClient.Checksum... items) {
        return new UserServiceClient.ChecksumPage(List.of(items), nextCursor);
    }

    static UserServiceClient.Checksum active(UUID id, long version, String... tools) {
        return new UserServiceClient.Checksum(id, version, "ACTIVE", List.of(tools), null);
    }

    static UserServiceClient.Checksum erased(UUID id, long version, String deletionEventId) {
        return new UserServiceClient.Checksum(id, version, "ERASED", null, deletionEventId);
    }

    static UserServiceClient.BulkUser user(UUID id, long version) {
        return new UserServiceClient.BulkUser(
                id,
                version,
                "ACTIVE",
                new UserServiceClient.User(
                        id,
                        version,
                        "x@example.com",
                        "X",
                        "en",
                        "UTC",
                        Plan.TEAM,
                        List.of("mailing"),
                        Instant.parse("2026-01-01T00:00:00Z")));
    }

    static Map<UUID, ToolTable.RowCheck> rows(Object... idsAndVersions) {
        Map<UUID, ToolTable.RowCheck> rows = new LinkedHashMap<>();
        for (int i = 0; i < idsAndVersions.length; i += 2) {
            rows.put((UUID) idsAndVersions[i], new ToolTable.RowCheck((Long) idsAndVersions[i + 1], true));
        }
        return rows;
    }

    @Test
    void eachPageOfRowsIsJudgedAgainstTheSourceReadAfterItAndEveryFindingIsCounted() {
        when(mailing.rowChecks(null, 2)).thenReturn(rows(A, 1L, B, 5L));
        when(mailing.rowChecks(B, 2)).thenReturn(rows(D, 1L, E, 1L));
        when(mailing.rowChecks(E, 2)).thenReturn(rows());
        when(userService.checksums(isNull()))
                .thenReturn(page(B.toString(), active(A, 1, "mailing"), active(B, 3, "mailing")));
        when(userService.checksums(B.toString()))
                .thenReturn(page(E.toString(), active(C, 0, "mailing"), active(E, 2, "mailing")));
        when(userService.checksums(E.toString())).thenReturn(page(null, erased(F, 4, "deletion-of-f")));
        when(userService.users(List.of(D))).thenReturn(List.of());
        when(userService.users(argThat(ids -> ids != null && Set.copyOf(ids).equals(Set.of(C, E)))))
                .thenReturn(List.of(user(C, 0), user(E, 2)));
        when(mailing.apply(argThat(state -> state != null && state.userId().equals(C))))
                .thenReturn(ToolTable.Outcome.WRITTEN);
        when(mailing.apply(argThat(state -> state != null && state.userId().equals(E))))
                .thenReturn(ToolTable.Outcome.SUPPRESSED);
        when(mailing.forget(D, 1L)).thenReturn(true);
        when(mailing.erasuresRecorded(Set.of(F))).thenReturn(Set.of());
        when(mailing.erase(F, "deletion-of-f")).thenReturn(true);

        Reconciliation report = reconciler.reconcile("mailing").get(0);

        verify(mailing).forget(D, 1L);
        verify(mailing, never()).forget(eq(A), anyLong());
        verify(mailing, never()).forget(eq(B), anyLong());
        verify(mailing, never()).forget(eq(E), anyLong());
        verify(mailing).erase(F, "deletion-of-f");
        verify(mailing, never())
                .apply(argThat(
                        (UserState state) -> state != null && state.userId().equals(B)));
        assertThat(report.checked()).isEqualTo(5);
        assertThat(report.missing()).isOne();
        assertThat(report.stale()).isOne();
        assertThat(report.extra()).isOne();
        assertThat(report.unconfirmed()).isOne();
        assertThat(report.skipped()).as("B's row is newer than the source").isOne();
        assertThat(report.repaired()).as("C written, D removed, F erased").isEqualTo(3);
        assertThat(report.suppressed()).as("E's rewrite refused by the tool").isOne();
        assertThat(report.failed()).isZero();
        assertThat(reconciler.reports()).singleElement().isEqualTo(report);
    }

    @Test
    void aRowTheSourceStillKnowsWhenAskedByIdIsNeverRemoved() {
        when(mailing.rowChecks(null, 2)).thenReturn(rows(D, 0L));
        when(userService.checksums(isNull())).thenReturn(page(null));
        when(userService.users(List.of(D))).thenReturn(List.of(user(D, 0)));

        Reconciliation report = reconciler.reconcile("mailing").get(0);

        verify(mailing, never()).forget(any(), anyLong());
        assertThat(report.skipped()).isOne();
        assertThat(report.extra()).isZero();
    }

    @Test
    void aUserNotEntitledToTheToolIsNotMissingButItsRowIsExtraAndRewrittenAtItsOwnVersion() {
        when(mailing.rowChecks(null, 2)).thenReturn(rows(A, 3L));
        when(userService.checksums(isNull()))
                .thenReturn(page(null, active(A, 3, "analytics"), active(B, 0, "analytics")));
        when(userService.users(List.of(A))).thenReturn(List.of(user(A, 3)));
        when(mailing.repair(any())).thenReturn(ToolTable.Outcome.REMOVED);

        Reconciliation report = reconciler.reconcile("mailing").get(0);

        verify(mailing).repair(argThat(state -> state.userId().equals(A)));
        assertThat(report.missing()).isZero();
        assertThat(report.extra()).isOne();
        assertThat(report.repaired()).isOne();
    }
}
