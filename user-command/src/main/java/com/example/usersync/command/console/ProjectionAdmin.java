package com.example.usersync.command.console;

import com.example.usersync.platform.accesslog.AccessLog;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tool-sync service's admin API (docs/openapi/user-projection.yaml) as the console calls it: the
 * console's OPERATOR service account, naming the person at the console in {@code X-On-Behalf-Of}.
 * Only the fields the pages show are read; the rest of each answer is ignored.
 */
@HttpExchange("/api/admin")
interface ProjectionAdmin {

    String ON_BEHALF_OF = AccessLog.ON_BEHALF_OF;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Segment(
            int segment,
            @Nullable String owner,
            @Nullable Long position,
            @Nullable Boolean replaying,
            @Nullable Long resetPosition,
            @Nullable Boolean caughtUp,
            @Nullable String error) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Alarm(@Nullable String message) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Processor(
            String name,
            String mode,
            boolean runningHere,
            boolean replaying,
            boolean caughtUp,
            @Nullable Long headPosition,
            @Nullable Long lag,
            long deadLetters,
            long deadLetteredUsers,
            @Nullable String lastError,
            @Nullable Alarm alarm,
            List<Segment> segments) {

        /** The slowest segment's position: where the tool as a whole stands. */
        @Nullable
        public Long position() {
            return segments.stream()
                    .map(Segment::position)
                    .map(p -> p == null ? -1L : p)
                    .min(Long::compare)
                    .orElse(null);
        }

        /** The position a running replay runs up to, or null. */
        @Nullable
        public Long replayUpTo() {
            return segments.stream()
                    .map(Segment::resetPosition)
                    .filter(p -> p != null)
                    .max(Long::compare)
                    .orElse(null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeadLetter(
            String eventId,
            String type,
            @Nullable Long version,
            @Nullable String cause,
            int retries,
            Instant enqueuedAt,
            Instant lastTouched) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeadLetterSequence(
            String sequence, @Nullable String userId, long size, boolean parked, List<DeadLetter> letters) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReconciliationReport(
            long id,
            String tool,
            Instant startedAt,
            Instant completedAt,
            long checked,
            long missing,
            long stale,
            long corrupt,
            long extra,
            long unconfirmed,
            long skipped,
            long repaired,
            long suppressed,
            long failed) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReconciliationRun(
            UUID id,
            @Nullable String tool,
            String status,
            String requestedBy,
            Instant startedAt,
            @Nullable Instant completedAt,
            List<ReconciliationReport> reports) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LagSample(Instant at, @Nullable Long events) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LagSeries(String tool, List<LagSample> samples) {}

    record Reset(String from) {}

    record Reconcile(@Nullable String tool) {}

    @GetExchange("/processors")
    List<Processor> processors(@RequestHeader(ON_BEHALF_OF) String person);

    @GetExchange("/processors/{name}")
    Processor processor(@PathVariable String name, @RequestHeader(ON_BEHALF_OF) String person);

    @GetExchange("/lag-history")
    List<LagSeries> lagHistory(@RequestHeader(ON_BEHALF_OF) String person);

    @PostExchange("/processors/{name}/stop")
    Processor stop(@PathVariable String name, @RequestHeader(ON_BEHALF_OF) String person);

    @PostExchange("/processors/{name}/start")
    Processor start(@PathVariable String name, @RequestHeader(ON_BEHALF_OF) String person);

    @PostExchange("/processors/{name}/realign")
    Processor realign(@PathVariable String name, @RequestHeader(ON_BEHALF_OF) String person);

    @PostExchange("/processors/{name}/reset")
    Processor reset(@PathVariable String name, @RequestBody Reset reset, @RequestHeader(ON_BEHALF_OF) String person);

    @GetExchange("/processors/{name}/dead-letters")
    List<DeadLetterSequence> deadLetters(@PathVariable String name, @RequestHeader(ON_BEHALF_OF) String person);

    @PostExchange("/processors/{name}/dead-letters/{userId}/retry")
    void retry(@PathVariable String name, @PathVariable UUID userId, @RequestHeader(ON_BEHALF_OF) String person);

    @DeleteExchange("/processors/{name}/dead-letters/{userId}")
    void evict(@PathVariable String name, @PathVariable UUID userId, @RequestHeader(ON_BEHALF_OF) String person);

    @PostExchange("/reconciliations")
    ReconciliationRun reconcile(@RequestBody Reconcile request, @RequestHeader(ON_BEHALF_OF) String person);

    @GetExchange("/reconciliations/runs/{id}")
    ReconciliationRun reconciliation(@PathVariable UUID id, @RequestHeader(ON_BEHALF_OF) String person);

    @GetExchange("/reconciliations")
    List<ReconciliationReport> reconciliationReports(@RequestHeader(ON_BEHALF_OF) String person);
}
