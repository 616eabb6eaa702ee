package com.example.usersync.projection;

import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records every read of a tool's personal data through this service's API: who, whose, when. A
 * service account named in {@code user-sync.access-log.delegates} may name the person it reads for
 * in {@value #ON_BEHALF_OF} (the user service does, for an auditor's export): the entry's actor is
 * then that person, and {@code via} the service account. From anyone else the header is ignored.
 */
@Component
@EnableConfigurationProperties(AccessLog.Delegation.class)
public class AccessLog {

    public static final String ON_BEHALF_OF = "X-On-Behalf-Of";

    /** @param delegates account names (or JWT subjects) believed when they name the person they read for */
    @ConfigurationProperties("user-sync.access-log")
    public record Delegation(Set<String> delegates) {
        public Delegation {
            delegates = delegates == null ? Set.of() : Set.copyOf(delegates);
        }
    }

    @Schema(name = "AccessLogEntry", description = "One read of a person's data through this service's API.")
    public record Access(@Schema(description = "Newer entries have higher ids.", example = "1042") long id,
                         @Schema(example = "2026-11-22T07:37:00Z") Instant accessedAt,
                         @Schema(description = "Who read: an account, a JWT caller's pseudonym, or the person a delegate read for.",
                                 example = "auditor") String actor,
                         @Schema(description = "The delegate service account that read for `actor`; null for a direct read.",
                                 example = "user-service") @Nullable String via,
                         @Schema(description = "Whose data was read; null for a read that returned no one.",
                                 example = "3f2b8c1e-6f0a-4c59-9b7e-2a4d8e1f0c35") @Nullable UUID subjectId,
                         @Schema(description = "What was read: `tool:<tool>` for one user, `tool:<tool>:list` for a page.",
                                 example = "tool:mailing") String resource) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Delegation delegation;
    private final CurrentActor actors;

    AccessLog(JdbcClient jdbc, JdbcTemplate batch, Delegation delegation, CurrentActor actors) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.delegation = delegation;
        this.actors = actors;
    }

    /** @param subjectId null for a read that returned no one */
    public void record(UUID subjectId, String resource) {
        recordAll(java.util.Collections.singletonList(subjectId), resource);
    }

    /** One entry per subject a list read returned (one batch insert), so each shows in that person's log. */
    public void recordAll(Collection<UUID> subjectIds, String resource) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        // A JWT caller as its pseudonym (its subject may be a person's email); delegates are named as configured.
        String account = actors.idOf(caller);
        String onBehalfOf = onBehalfOf(caller == null ? "anonymous" : caller.getName());
        String actor = onBehalfOf == null ? account : onBehalfOf;
        String via = onBehalfOf == null ? null : account;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        subjectIds.forEach(subject -> rows.add(new Object[]{now, actor, via, subject, resource}));
        batch.batchUpdate("INSERT INTO personal_data_access (accessed_at, actor, via, subject_id, resource) VALUES (?, ?, ?, ?, ?)", rows);
    }

    /**
     * Newest first, keyset-paged by id.
     *
     * @param beforeId only entries older than this one (the previous page's last), or null
     */
    List<Access> entries(UUID subjectId, Long beforeId, int limit) {
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
        return jdbc.sql("SELECT id, accessed_at, actor, via, subject_id, resource FROM personal_data_access"
                        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                        + " ORDER BY id DESC LIMIT " + limit)
                .params(params)
                .query((rs, row) -> new Access(rs.getLong("id"), rs.getObject("accessed_at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), rs.getString("via"), rs.getObject("subject_id", UUID.class), rs.getString("resource")))
                .list();
    }

    private String onBehalfOf(String account) {
        return delegation.delegates().contains(account) ? checkedOnBehalfOf() : null;
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
            throw new ApiProblem(ProblemType.INVALID_ON_BEHALF_OF, ON_BEHALF_OF + " must be an actor id of at most 100 printable characters.");
        }
        return person;
    }
}
