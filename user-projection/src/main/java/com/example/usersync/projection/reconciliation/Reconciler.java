package com.example.usersync.projection.reconciliation;

import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.projection.ApiProblem;
import com.example.usersync.projection.UserServiceClient;
import com.example.usersync.projection.tools.ToolProjection;
import com.example.usersync.projection.tools.ToolRegistry;
import com.example.usersync.projection.tools.UserState;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Compares each tool's read model with the user service's checksums and repairs every
 * discrepancy through the tool's normal, version-guarded write path: missing and stale users are
 * fetched and applied, corrupted rows are dropped and applied again, rows of erased or unknown
 * users are removed.
 */
@Service
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    record SourceUser(long version, boolean erased) {
    }

    private final ToolRegistry tools;
    private final UserServiceClient userService;
    private final JdbcClient jdbc;

    Reconciler(ToolRegistry tools, UserServiceClient userService, JdbcClient jdbc) {
        this.tools = tools;
        this.userService = userService;
        this.jdbc = jdbc;
    }

    @Scheduled(cron = "${user-sync.reconciliation.cron:-}")
    void scheduled() {
        reconcile(null);
    }

    /** @param tool one tool, or null for all */
    List<Reconciliation> reconcile(String tool) {
        List<String> names = tool == null ? tools.names() : List.of(tool);
        Map<UUID, SourceUser> source = sourceChecksums();
        List<Reconciliation> reports = new ArrayList<>();
        for (String name : names) {
            ToolProjection<?> projection = tools.tool(name)
                    .orElseThrow(() -> ApiProblem.notFound("unknown-tool", "There is no tool named '" + name + "'."));
            reports.add(reconcile(projection, source));
        }
        return reports;
    }

    List<Reconciliation> reports() {
        return jdbc.sql("SELECT * FROM reconciliation ORDER BY id DESC LIMIT 100")
                .query((rs, row) -> new Reconciliation(rs.getLong("id"), rs.getString("tool"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("completed_at", OffsetDateTime.class).toInstant(), rs.getLong("checked"),
                        rs.getLong("missing"), rs.getLong("stale"), rs.getLong("corrupt"), rs.getLong("extra"),
                        rs.getLong("repaired"), rs.getLong("failed")))
                .list();
    }

    private Reconciliation reconcile(ToolProjection<?> projection, Map<UUID, SourceUser> source) {
        Instant started = Instant.now();
        Map<UUID, ToolProjection.RowCheck> rows = projection.rowChecks();
        Set<UUID> missing = new HashSet<>();
        Set<UUID> stale = new HashSet<>();
        Set<UUID> corrupt = new HashSet<>();
        Set<UUID> extra = new HashSet<>();
        source.forEach((id, user) -> {
            ToolProjection.RowCheck row = rows.get(id);
            if (user.erased()) {
                if (row != null) {
                    extra.add(id);
                }
            } else if (row == null) {
                missing.add(id);
            } else if (!row.intact() || row.version() > user.version()) {
                corrupt.add(id);
            } else if (row.version() < user.version()) {
                stale.add(id);
            }
        });
        rows.keySet().stream().filter(id -> !source.containsKey(id)).forEach(extra::add);

        long repaired = 0;
        long failed = 0;
        for (UUID id : extra) {
            projection.forget(id);
            repaired++;
        }
        Set<UUID> toApply = new HashSet<>(missing);
        toApply.addAll(stale);
        toApply.addAll(corrupt);
        for (List<UUID> batch : batches(new ArrayList<>(toApply), 200)) {
            for (JsonNode item : userService.users(batch)) {
                UUID id = UUID.fromString(item.get("id").asText());
                try {
                    if (item.get("user") == null || item.get("user").isNull()) {
                        projection.forget(id);
                    } else {
                        if (corrupt.contains(id)) {
                            projection.forget(id);
                        }
                        projection.reconcile(state(item));
                    }
                    repaired++;
                } catch (RuntimeException repairFailed) {
                    failed++;
                    log.warn("Reconciliation of tool {} could not repair user {}: {}", projection.name(), id,
                            repairFailed.getClass().getSimpleName());
                }
            }
        }
        Instant completed = Instant.now();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO reconciliation (tool, started_at, completed_at, checked, missing, stale, corrupt, extra, repaired, failed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projection.name(), started.atOffset(ZoneOffset.UTC), completed.atOffset(ZoneOffset.UTC),
                        (long) source.size(), (long) missing.size(), (long) stale.size(), (long) corrupt.size(),
                        (long) extra.size(), repaired, failed)
                .update(key, "id");
        log.info("Reconciled tool {}: {} checked, {} missing, {} stale, {} corrupt, {} extra, {} repaired, {} failed",
                projection.name(), source.size(), missing.size(), stale.size(), corrupt.size(), extra.size(), repaired, failed);
        return new Reconciliation(key.getKeyAs(Number.class).longValue(), projection.name(), started, completed,
                source.size(), missing.size(), stale.size(), corrupt.size(), extra.size(), repaired, failed);
    }

    private Map<UUID, SourceUser> sourceChecksums() {
        Map<UUID, SourceUser> source = new HashMap<>();
        String after = null;
        do {
            JsonNode page = userService.checksums(after);
            for (JsonNode item : page.get("items")) {
                source.put(UUID.fromString(item.get("id").asText()),
                        new SourceUser(item.get("version").asLong(), "ERASED".equals(item.get("status").asText())));
            }
            after = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (after != null);
        return source;
    }

    private static UserState state(JsonNode item) {
        JsonNode user = item.get("user");
        List<String> userTools = StreamSupport.stream(user.get("tools").spliterator(), false).map(JsonNode::asText).toList();
        return new UserState(UUID.fromString(user.get("id").asText()), user.get("version").asLong(),
                Instant.parse(user.get("updatedAt").asText()),
                new UserProfile(user.get("email").asText(), user.get("displayName").asText(),
                        user.get("locale").asText(), user.get("timeZone").asText()),
                new UserAccess(Plan.valueOf(user.get("plan").asText()), userTools));
    }

    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            batches.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return batches;
    }
}
