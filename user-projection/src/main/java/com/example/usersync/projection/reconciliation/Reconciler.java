package com.example.usersync.projection.reconciliation;

import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.platform.web.ApiProblem;
import com.example.usersync.platform.web.ProblemType;
import com.example.usersync.projection.config.ProjectionSettings;
import com.example.usersync.projection.tools.ToolProjection;
import com.example.usersync.projection.tools.ToolRegistry;
import com.example.usersync.projection.tools.ToolTable;
import com.example.usersync.projection.tools.UserState;
import com.example.usersync.projection.userservice.UserServiceClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Compares each tool's read model with the user service's checksums and repairs every
 * discrepancy through the tool's normal, version-guarded write path: missing and stale users are
 * fetched and applied, corrupted rows are rewritten, rows of users the tool may not hold are
 * removed by applying the user's state, erased users are erased as the deletion event would
 * (receipt included), rows of unknown users are removed.
 * <p>
 * It never harms a concurrent write. Rows are read page by page, and each page's source state is
 * read after it, so the source is never older than the rows it judges (a user registered meanwhile
 * is never judged unknown); a row newer than the source anyway (a source restored from a backup)
 * is skipped, not judged. Every removal is conditional on the version that was judged, and every
 * write goes through the tool's guards; what those refuse is reported as suppressed, never as repaired.
 */
@Service
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final int FETCH = 200;

    /** What one reconciliation found and did, counted as it goes. */
    private static final class Tally {
        long checked, missing, stale, corrupt, extra, unconfirmed, skipped, repaired, suppressed, failed;

        void applied(boolean changed) {
            if (changed) {
                repaired++;
            } else {
                suppressed++;
            }
        }
    }

    private final ToolRegistry tools;
    private final UserServiceClient userService;
    private final JdbcClient jdbc;
    /** Tool rows judged per round: what reconciliation holds in memory, besides one source page. */
    private final int pageSize;

    private final Clock clock;

    @Autowired
    Reconciler(
            ToolRegistry tools,
            UserServiceClient userService,
            JdbcClient jdbc,
            ProjectionSettings.Reconciliation properties,
            Clock clock) {
        this(tools, userService, jdbc, properties.pageSize(), clock);
    }

    Reconciler(ToolRegistry tools, UserServiceClient userService, JdbcClient jdbc, int pageSize, Clock clock) {
        this.tools = tools;
        this.userService = userService;
        this.jdbc = jdbc;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** Refuses (404) a tool that does not exist; null means every tool. */
    void requireKnown(String tool) {
        projections(tool);
    }

    private List<ToolProjection<?>> projections(String tool) {
        return (tool == null ? tools.names() : List.of(tool))
                .stream()
                        .<ToolProjection<?>>map(name -> tools.tool(name)
                                .orElseThrow(() -> new ApiProblem(
                                        ProblemType.UNKNOWN_TOOL, "There is no tool named '" + name + "'.")))
                        .toList();
    }

    /** @param tool one tool, or null for all */
    List<Reconciliation> reconcile(String tool) {
        return reconcile(tool, null, () -> {});
    }

    /**
     * @param runId    the background run the reports belong to, if any
     * @param progress called after every page of rows judged (a run's heartbeat)
     */
    List<Reconciliation> reconcile(String tool, UUID runId, Runnable progress) {
        List<Reconciliation> reports = new ArrayList<>();
        for (ToolProjection<?> projection : projections(tool)) {
            reports.add(reconcileTool(projection, runId, progress));
        }
        return reports;
    }

    List<Reconciliation> reports() {
        return jdbc.sql("SELECT * FROM reconciliation ORDER BY id DESC LIMIT 100")
                .query(this::report)
                .list();
    }

    /** The reports a background run wrote, in the order it wrote them. */
    List<Reconciliation> reportsOf(UUID runId) {
        return jdbc.sql("SELECT * FROM reconciliation WHERE run_id = ? ORDER BY id")
                .param(runId)
                .query(this::report)
                .list();
    }

    private Reconciliation report(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Reconciliation(
                rs.getLong("id"),
                rs.getString("tool"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("completed_at", OffsetDateTime.class).toInstant(),
                rs.getLong("checked"),
                rs.getLong("missing"),
                rs.getLong("stale"),
                rs.getLong("corrupt"),
                rs.getLong("extra"),
                rs.getLong("unconfirmed"),
                rs.getLong("skipped"),
                rs.getLong("repaired"),
                rs.getLong("suppressed"),
                rs.getLong("failed"));
    }

    private Reconciliation reconcileTool(ToolProjection<?> projection, UUID runId, Runnable progress) {
        // As stored (microseconds): the answer is the report it wrote.
        Instant started = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Tally tally = new Tally();
        UUID after = null;
        boolean more = true;
        while (more) {
            // Rows first, then the source for the same id range: the source is at least as new.
            Map<UUID, ToolTable.RowCheck> rows = projection.table().rowChecks(after, pageSize);
            more = rows.size() == pageSize;
            UUID upTo = more ? last(rows.keySet()) : null;
            judgeRange(projection, rows, after, upTo, tally);
            after = upTo;
            progress.run();
        }
        Instant completed = clock.instant().truncatedTo(ChronoUnit.MICROS);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO reconciliation (tool, started_at, completed_at, checked, missing, stale, corrupt, extra,
                                                    unconfirmed, skipped, repaired, suppressed, failed, run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        projection.name(),
                        started.atOffset(ZoneOffset.UTC),
                        completed.atOffset(ZoneOffset.UTC),
                        tally.checked,
                        tally.missing,
                        tally.stale,
                        tally.corrupt,
                        tally.extra,
                        tally.unconfirmed,
                        tally.skipped,
                        tally.repaired,
                        tally.suppressed,
                        tally.failed,
                        runId)
                .update(key, "id");
        log.info(
                "Reconciled tool {}: {} checked, {} missing, {} stale, {} corrupt, {} extra, {} unconfirmed, {} skipped,"
                        + " {} repaired, {} suppressed, {} failed",
                projection.name(),
                tally.checked,
                tally.missing,
                tally.stale,
                tally.corrupt,
                tally.extra,
                tally.unconfirmed,
                tally.skipped,
                tally.repaired,
                tally.suppressed,
                tally.failed);
        return new Reconciliation(
                key.getKeyAs(Number.class).longValue(),
                projection.name(),
                started,
                completed,
                tally.checked,
                tally.missing,
                tally.stale,
                tally.corrupt,
                tally.extra,
                tally.unconfirmed,
                tally.skipped,
                tally.repaired,
                tally.suppressed,
                tally.failed);
    }

    /** Judges rows against the source state of the same id range, read after them, and repairs. */
    private void judge(
            ToolProjection<?> projection,
            Map<UUID, ToolTable.RowCheck> rows,
            Map<UUID, UserServiceClient.Checksum> source,
            Tally tally) {
        Set<UUID> toApply = new LinkedHashSet<>();
        // Judged at the row's own version (corrupt, or not entitled): written again even at the same version.
        Set<UUID> rewrite = new HashSet<>();
        Map<UUID, String> toErase = new LinkedHashMap<>();
        Set<UUID> erasedWithoutRow = new HashSet<>();
        source.forEach((id, user) -> {
            if (user.erased() && !rows.containsKey(id)) {
                erasedWithoutRow.add(id);
            }
        });
        ToolTable<?> table = projection.table();
        Set<UUID> confirmed = erasedWithoutRow.isEmpty() ? Set.of() : table.erasuresRecorded(erasedWithoutRow);
        source.forEach((id, user) -> {
            tally.checked++;
            ToolTable.RowCheck row = rows.get(id);
            boolean entitled = user.tools() == null || projection.holds(user.tools());
            if (user.erased()) {
                if (row != null) {
                    tally.extra++;
                    toErase.put(id, user.deletionEventId());
                } else if (!confirmed.contains(id)) {
                    tally.unconfirmed++;
                    toErase.put(id, user.deletionEventId());
                }
            } else if (row == null) {
                if (entitled) {
                    tally.missing++;
                    toApply.add(id);
                }
            } else if (row.version() > user.version()) {
                tally.skipped++;
            } else if (!entitled) {
                tally.extra++;
                rewrite.add(id);
                toApply.add(id);
            } else if (!row.intact()) {
                tally.corrupt++;
                rewrite.add(id);
                toApply.add(id);
            } else if (row.version() < user.version()) {
                tally.stale++;
                toApply.add(id);
            }
        });

        toErase.forEach((id, deletionEventId) -> {
            if (deletionEventId == null) {
                tally.failed++;
                log.warn(
                        "Reconciliation of tool {} cannot erase user {}: the source names no deletion event",
                        projection.name(),
                        id);
                return;
            }
            try {
                tally.applied(table.erase(id, deletionEventId));
            } catch (RuntimeException erasureFailed) {
                failed(projection, id, erasureFailed, tally);
            }
        });

        // Rows the source does not know. Ask for them by id before removing anything: only a row
        // the source still denies knowing goes, and only at the version that was judged.
        Map<UUID, Long> unknown = new LinkedHashMap<>();
        rows.forEach((id, row) -> {
            if (!source.containsKey(id)) {
                unknown.put(id, row.version());
            }
        });
        for (List<UUID> batch : batches(new ArrayList<>(unknown.keySet()), FETCH)) {
            Set<UUID> known = new HashSet<>();
            userService.users(batch).forEach(item -> known.add(item.id()));
            for (UUID id : batch) {
                if (known.contains(id)) {
                    tally.skipped++;
                    continue;
                }
                tally.extra++;
                try {
                    tally.applied(table.forget(id, unknown.get(id)));
                } catch (RuntimeException removalFailed) {
                    failed(projection, id, removalFailed, tally);
                }
            }
        }

        for (List<UUID> batch : batches(new ArrayList<>(toApply), FETCH)) {
            for (UserServiceClient.BulkUser item : userService.users(batch)) {
                UUID id = item.id();
                if (item.user() == null) {
                    // Erased since the checksums were read: the deletion event (or the next run) erases it.
                    tally.skipped++;
                    continue;
                }
                try {
                    UserState state = state(item.user());
                    ToolTable.Outcome outcome = rewrite.contains(id) ? table.repair(state) : table.apply(state);
                    tally.applied(outcome != ToolTable.Outcome.SUPPRESSED);
                } catch (RuntimeException repairFailed) {
                    failed(projection, id, repairFailed, tally);
                }
            }
        }
    }

    private static void failed(ToolProjection<?> projection, UUID id, RuntimeException cause, Tally tally) {
        tally.failed++;
        log.warn(
                "Reconciliation of tool {} could not repair user {}: {}",
                projection.name(),
                id,
                cause.getClass().getSimpleName());
    }

    /**
     * Reads the source's users after {@code after} up to and including {@code upTo} (to the end if
     * null) page by page, now, and judges each page with the rows of the ids it covers. Ids compare
     * as the databases order UUIDs: by their canonical text.
     */
    private void judgeRange(
            ToolProjection<?> projection, Map<UUID, ToolTable.RowCheck> rows, UUID after, UUID upTo, Tally tally) {
        Map<UUID, ToolTable.RowCheck> pending = new LinkedHashMap<>(rows);
        String cursor = after == null ? null : after.toString();
        boolean rangeRead = false;
        while (!rangeRead) {
            UserServiceClient.ChecksumPage page = userService.checksums(cursor);
            Map<UUID, UserServiceClient.Checksum> source = new LinkedHashMap<>();
            for (UserServiceClient.Checksum item : page.items()) {
                if (upTo != null && beyond(item.id(), upTo)) {
                    rangeRead = true;
                    break;
                }
                source.put(item.id(), item);
            }
            cursor = page.nextCursor();
            rangeRead = rangeRead || cursor == null;
            if (source.isEmpty() && !rangeRead) {
                continue;
            }
            // This page covers the ids up to its last one; the last page covers the rest of the range.
            UUID covered = rangeRead ? null : last(source.keySet());
            Map<UUID, ToolTable.RowCheck> judged = new LinkedHashMap<>();
            pending.entrySet().removeIf(row -> {
                if (covered == null || !beyond(row.getKey(), covered)) {
                    judged.put(row.getKey(), row.getValue());
                    return true;
                }
                return false;
            });
            judge(projection, judged, source, tally);
        }
    }

    private static boolean beyond(UUID id, UUID bound) {
        return id.toString().compareTo(bound.toString()) > 0;
    }

    private static UUID last(Set<UUID> ids) {
        UUID last = null;
        for (UUID id : ids) {
            last = id;
        }
        return last;
    }

    private static UserState state(UserServiceClient.User user) {
        return new UserState(
                user.id(),
                user.version(),
                user.updatedAt(),
                new UserProfile(user.email(), user.displayName(), user.locale(), user.timeZone()),
                new UserAccess(user.plan(), user.tools()));
    }

    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return batches;
    }
}
