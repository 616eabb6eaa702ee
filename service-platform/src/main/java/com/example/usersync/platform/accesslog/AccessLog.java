package com.example.usersync.platform.accesslog;

import com.example.usersync.platform.security.CurrentActor;
import com.example.usersync.platform.web.ApiProblem;
import com.example.usersync.platform.web.PagedList;
import com.example.usersync.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Records every read of personal data through a service's API (who, whose, when; ids only), in its
 * {@code personal_data_access} table, and shows the record to auditors. With delegation
 * ({@link AccessLogSettings}), a service account named in {@code user-sync.access-log.delegates} may
 * name the person it reads for in {@value #ON_BEHALF_OF} (the user service does, for an auditor's
 * export): the entry's actor is then that person, and {@code via} the service account. From anyone
 * else the header is ignored.
 */
public class AccessLog {

    public static final String ON_BEHALF_OF = "X-On-Behalf-Of";

    /**
     * One entry; each service's API shows it in its own documented shape.
     *
     * @param via       the delegate that read for {@code actor}; null for a direct read (always without delegation)
     * @param subjectId null in rows that name no single person
     */
    public record Entry(
            long id,
            Instant accessedAt,
            String actor,
            @Nullable String via,
            @Nullable UUID subjectId,
            String resource) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final CurrentActor actors;
    private final AccessLogSettings settings;

    public AccessLog(JdbcClient jdbc, JdbcTemplate batch, CurrentActor actors, AccessLogSettings settings) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.actors = actors;
        this.settings = settings;
    }

    /**
     * Recorded in its own transaction: reads run in read-only ones.
     *
     * @param subjectId null for a read that returned no one
     * @param resource  what was read, e.g. {@code user}, {@code events}, {@code tool:mailing}
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(UUID subjectId, String resource) {
        recordAll(Collections.singletonList(subjectId), resource);
    }

    /** One entry per subject a list read returned (one batch insert), so each shows in that person's log. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAll(Collection<UUID> subjectIds, String resource) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        // A JWT caller as its pseudonym (its subject may be a person's email); delegates are named as configured.
        String account = actors.idOf(caller);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        if (!settings.delegation()) {
            subjectIds.forEach(subject -> rows.add(new Object[] {now, account, subject, resource}));
            batch.batchUpdate(
                    "INSERT INTO personal_data_access (accessed_at, actor, subject_id, resource) VALUES (?, ?, ?, ?)",
                    rows);
            return;
        }
        String onBehalfOf = onBehalfOf(caller == null ? "anonymous" : caller.getName());
        String actor = onBehalfOf == null ? account : onBehalfOf;
        String via = onBehalfOf == null ? null : account;
        subjectIds.forEach(subject -> rows.add(new Object[] {now, actor, via, subject, resource}));
        batch.batchUpdate(
                "INSERT INTO personal_data_access (accessed_at, actor, via, subject_id, resource) VALUES (?, ?, ?, ?, ?)",
                rows);
    }

    /**
     * One page, newest first, keyset-paged by id, with the next page's address in the {@code Link} header.
     *
     * @param subjectId only this person's entries, or null for everyone's
     * @param cursor    from the previous page's {@code Link} header, or null for the first page
     * @param view      the entry as the service's API shows it
     */
    public <T> ResponseEntity<List<T>> page(
            @Nullable UUID subjectId, @Nullable String cursor, int limit, Function<Entry, T> view) {
        Long before = cursor == null ? null : PagedList.number(cursor);
        ResponseEntity<List<Entry>> page = PagedList.of(
                entries(subjectId, before, limit + 1), limit, entry -> PagedList.cursor(String.valueOf(entry.id())));
        return ResponseEntity.status(page.getStatusCode())
                .headers(page.getHeaders())
                .body(page.getBody().stream().map(view).toList());
    }

    /** @param beforeId only entries older than this one (the previous page's last), or null */
    List<Entry> entries(UUID subjectId, Long beforeId, int limit) {
        List<Object> params = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (subjectId != null) {
            conditions.add("subject_id = ?");
            params.add(subjectId);
        }
        if (beforeId != null) {
            conditions.add("id < ?");
            params.add(beforeId);
        }
        boolean via = settings.delegation();
        return jdbc.sql("SELECT id, accessed_at, actor, " + (via ? "via, " : "")
                        + "subject_id, resource FROM personal_data_access"
                        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                        + " ORDER BY id DESC LIMIT " + limit)
                .params(params)
                .query((rs, row) -> new Entry(
                        rs.getLong("id"),
                        rs.getObject("accessed_at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"),
                        via ? rs.getString("via") : null,
                        rs.getObject("subject_id", UUID.class),
                        rs.getString("resource")))
                .list();
    }

    private String onBehalfOf(String account) {
        return settings.delegates().contains(account) ? checkedOnBehalfOf() : null;
    }

    /**
     * The current request's {@value #ON_BEHALF_OF}, or null if it has none (or a blank one). A
     * malformed one is refused from anyone, before anything is read: the document promises so.
     */
    public static String checkedOnBehalfOf() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        HttpServletRequest request = attributes.getRequest();
        String person = request.getHeader(ON_BEHALF_OF);
        if (person == null || person.isBlank()) {
            return null;
        }
        if (person.length() > 100 || person.chars().anyMatch(Character::isISOControl)) {
            throw new ApiProblem(
                    ProblemType.INVALID_ON_BEHALF_OF,
                    ON_BEHALF_OF + " must be an actor id of at most 100 printable characters.");
        }
        return person;
    }
}
