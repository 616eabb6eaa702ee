package com.example.usersync.command.audit;

import com.example.usersync.command.web.CurrentActor;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Records every read of personal data through the API, and shows the record to auditors. */
@Service
public class AccessLog {

    /** @param subjectId null in rows that name no single person (the column allows it) */
    @Schema(name = "AccessLogEntry", description = "One read of a person's data through the API.")
    public record Access(@Schema(example = "42") long id,
                         Instant accessedAt,
                         @Schema(description = "Who read it: the account name, or `jwt:` and a pseudonym of the token's issuer "
                                 + "and subject.", example = "auditor") String actor,
                         @Schema(description = "Whose data was read.", example = "6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d")
                         @Nullable UUID subjectId,
                         @Schema(description = "What was read.", allowableValues = {"user", "events", "export"}, example = "user")
                         String resource) {
    }

    private final JdbcClient jdbc;
    private final CurrentActor actor;

    AccessLog(JdbcClient jdbc, CurrentActor actor) {
        this.jdbc = jdbc;
        this.actor = actor;
    }

    /**
     * Recorded in its own transaction: reads run in read-only ones.
     *
     * @param resource what was read, e.g. {@code user}, {@code events}, {@code export}
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(UUID subjectId, String resource) {
        jdbc.sql("INSERT INTO personal_data_access (accessed_at, actor, subject_id, resource) VALUES (?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), actor.id(), subjectId, resource)
                .update();
    }

    /**
     * Newest first, keyset-paged by id.
     *
     * @param beforeId only entries older than this one (the previous page's last), or null
     */
    List<Access> entries(UUID subjectId, Long beforeId, int limit) {
        List<Object> params = new java.util.ArrayList<>();
        List<String> conditions = new java.util.ArrayList<>();
        if (subjectId != null) {
            conditions.add("subject_id = ?");
            params.add(subjectId);
        }
        if (beforeId != null) {
            conditions.add("id < ?");
            params.add(beforeId);
        }
        var statement = jdbc.sql("SELECT id, accessed_at, actor, subject_id, resource FROM personal_data_access"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY id DESC LIMIT " + limit).params(params);
        return statement.query((rs, row) -> new Access(rs.getLong("id"),
                rs.getObject("accessed_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                rs.getObject("subject_id", UUID.class), rs.getString("resource"))).list();
    }
}
