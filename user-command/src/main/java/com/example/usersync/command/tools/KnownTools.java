package com.example.usersync.command.tools;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.client.RestClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tools that keep a copy of users, learned from the one place that defines them: the tool-sync
 * service, whose processors are its tools ({@code GET /api/tools}). Every erasure waits for each known
 * tool's receipt and every export reads each one's copy, so adding a tool to the tool-sync service is
 * all it takes. Known tools are remembered ({@code known_tool}, in the erasure journal, which outlives
 * restores of the event store) and never forgotten by themselves: a tool
 * missing from one answer (a rolling deploy, a misconfigured instance) must not let erasures complete
 * without it. Until the tool-sync service was reached once, only the optional seed
 * ({@code user-sync.erasure.required-tools}) is known, and an erasure with no known tool is never complete.
 */
public class KnownTools {

    private static final Logger log = LoggerFactory.getLogger(KnownTools.class);
    /** What the user service accepts as a tool id (access, receipts). */
    private static final Pattern TOOL_ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final JdbcClient db;
    private final ToolSyncService toolSync;
    private final Clock clock;
    private final ExponentialBackOff retries;
    private final Duration refreshInterval;
    private final Collection<String> seed;
    private BackOffExecution backOff;
    private Instant nextAttempt = Instant.MIN;

    KnownTools(
            JdbcClient db,
            ToolSyncService toolSync,
            Clock clock,
            ExponentialBackOff retries,
            Duration refreshInterval,
            Collection<String> seed) {
        this.db = db;
        this.toolSync = toolSync;
        this.clock = clock;
        this.retries = retries;
        this.refreshInterval = refreshInterval;
        this.seed = List.copyOf(seed);
    }

    /** Every known tool (learned or seeded), sorted. */
    public List<String> names() {
        Set<String> names = new TreeSet<>(seed);
        names.addAll(db.sql("SELECT tool FROM known_tool").query(String.class).list());
        return List.copyOf(names);
    }

    /** Whether the tool is known; a tool not known yet makes this ask the tool-sync service first. */
    public boolean isKnown(String tool) {
        if (names().contains(tool)) {
            return true;
        }
        refresh();
        return names().contains(tool);
    }

    /** The schedule's tick: refreshes once the refresh interval, or after a failure the back-off, has passed. */
    public void refreshWhenDue() {
        if (!clock.instant().isBefore(nextAttempt)) {
            refresh();
        }
    }

    /**
     * Asks the tool-sync service which tools it runs and remembers the new ones. After a
     * failure the next scheduled attempt waits out an exponential back-off; a success resets it.
     *
     * @return whether the tool-sync service answered
     */
    public synchronized boolean refresh() {
        Instant now = clock.instant();
        try {
            Set<String> listed = new TreeSet<>(toolSync.tools());
            listed.forEach(this::remember);
            backOff = null;
            nextAttempt = now.plus(refreshInterval);
            return true;
        } catch (RestClientException unreachable) {
            backOff = backOff == null ? retries.start() : backOff;
            long wait = backOff.nextBackOff();
            nextAttempt = now.plusMillis(wait == BackOffExecution.STOP ? retries.getMaxInterval() : wait);
            log.warn(
                    "The tool-sync service did not list its tools ({}); erasures wait for the {} tools known so far",
                    unreachable.getClass().getSimpleName(),
                    names().size());
            return false;
        }
    }

    private void remember(String tool) {
        if (!TOOL_ID.matcher(tool).matches()) {
            log.warn("Ignored a tool id that is not one (length {})", tool.length());
            return;
        }
        if (db.sql("SELECT COUNT(*) FROM known_tool WHERE tool = ?")
                        .param(tool)
                        .query(Long.class)
                        .single()
                > 0) {
            return;
        }
        try {
            db.sql("INSERT INTO known_tool (tool, first_seen) VALUES (?, ?)")
                    .param(tool)
                    .param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
            log.info("Tool {} is known now: erasures wait for its receipt, exports read its copy", tool);
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            // Known either way.
        }
    }
}
