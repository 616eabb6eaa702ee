package com.example.usersync.projection;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Records every read of a tool's personal data through this service's API (who, whose, when), and
 * shows the record to auditors.
 */
@RestController
public class AccessLog {

    public record Access(long id, Instant accessedAt, String actor, UUID subjectId, String resource) {
    }

    private final JdbcClient jdbc;

    AccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param subjectId null for a listing of many users */
    public void record(UUID subjectId, String resource) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        jdbc.sql("INSERT INTO personal_data_access (accessed_at, actor, subject_id, resource) VALUES (?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), caller == null ? "anonymous" : caller.getName(), subjectId, resource)
                .update();
    }

    @GetMapping(path = "/api/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Access> entries(@RequestParam(required = false) UUID userId,
                         @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        var statement = jdbc.sql("SELECT id, accessed_at, actor, subject_id, resource FROM personal_data_access"
                + (userId == null ? "" : " WHERE subject_id = ?") + " ORDER BY id DESC LIMIT " + limit);
        if (userId != null) {
            statement = statement.param(userId);
        }
        return statement.query((rs, row) -> new Access(rs.getLong("id"),
                rs.getObject("accessed_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                rs.getObject("subject_id", UUID.class), rs.getString("resource"))).list();
    }
}
