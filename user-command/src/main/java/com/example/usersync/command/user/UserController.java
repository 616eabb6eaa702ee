package com.example.usersync.command.user;

import com.example.usersync.command.eventstore.StoredEvents;
import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.platform.accesslog.AccessLog;
import com.example.usersync.platform.api.Refusals;
import com.example.usersync.platform.web.InvalidCursor;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterStyle;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Users",
        description = "Register, read, change and delete users. Every change is an event of the user's history; "
                + "the user's version (its ETag) is the sequence number of its latest event, and `If-Match` with it makes a change "
                + "conditional.")
class UserController {

    private static final String IF_MATCH =
            "The version the change expects (the user's ETag, e.g. `\"3\"`); `*` or absent: any "
                    + "version. A stale one is refused with 412 and the current version.";

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final CommandSender commands;
    private final DirectoryRepository directory;
    private final AccessLog accessLog;
    private final PersonalDataCipher cipher;
    private final DeletionEvents deletionEvents;
    private final StoredEvents storedEvents;

    UserController(
            CommandSender commands,
            DirectoryRepository directory,
            AccessLog accessLog,
            PersonalDataCipher cipher,
            DeletionEvents deletionEvents,
            StoredEvents storedEvents) {
        this.commands = commands;
        this.directory = directory;
        this.accessLog = accessLog;
        this.cipher = cipher;
        this.deletionEvents = deletionEvents;
        this.storedEvents = storedEvents;
    }

    @Operation(
            operationId = "registerUser",
            summary = "Register a user",
            description =
                    "Appends `UserRegistered` with a new id. The email must not be in use (case-insensitive, in Unicode NFC).")
    @ApiResponse(
            responseCode = "201",
            description = "Registered at version 0.",
            headers = {
                @Header(
                        name = "Location",
                        description = "The new user.",
                        required = true,
                        schema = @Schema(type = "string", format = "uri")),
                @Header(
                        name = "ETag",
                        description = "The new user's version: `\"0\"`.",
                        required = true,
                        schema = @Schema(type = "string"))
            })
    @Refusals(ProblemType.EMAIL_TAKEN)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserVersion> register(@Valid @RequestBody UserRequests.Registration request) {
        UUID userId = UUID.randomUUID();
        commands.send(request.toCommand(userId));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest()
                        .path("/{id}")
                        .buildAndExpand(userId)
                        .toUri())
                .eTag(ETags.of(0))
                .body(new UserVersion(userId, 0));
    }

    @Operation(
            operationId = "listUsers",
            summary = "List users changed since an instant, or by id",
            description =
                    "Users changed since `updatedSince` (oldest change first, paged by `nextCursor`), or the users with the "
                            + "given `ids` (unknown ids are left out). Erased users appear with their status and no personal data. "
                            + "Each user shown is recorded in the access log.")
    @ApiResponse(responseCode = "200", description = "One page of users.")
    @Refusals(ProblemType.INVALID_CURSOR)
    @GetMapping
    @Transactional(readOnly = true)
    UserBulk.Page users(
            @Parameter(
                            description = "Only users changed after this instant; ignored with `cursor`.",
                            example = "2025-01-01T00:00:00Z")
                    @RequestParam(required = false)
                    Instant updatedSince,
            @Parameter(description = "The `nextCursor` of the previous page.") @RequestParam(required = false)
                    String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @Parameter(
                            description = "Read these users instead (comma-separated); no paging.",
                            style = ParameterStyle.FORM,
                            explode = Explode.FALSE,
                            array = @ArraySchema(schema = @Schema(type = "string", format = "uuid"), maxItems = 200))
                    @RequestParam(required = false)
                    @Size(max = 200)
                    List<UUID> ids) {
        // Before the read: everything at or below it has committed, so the read below reflects it.
        long position = storedEvents.completePosition();
        if (ids != null) {
            List<UserBulk.Item> items = directory.findAllById(ids).stream()
                    .map(entry -> UserBulk.Item.of(entry, cipher))
                    .toList();
            items.stream().filter(i -> i.user() != null).forEach(i -> accessLog.record(i.id(), "user"));
            return new UserBulk.Page(items, null, position);
        }
        Cursor after = cursor != null
                ? Cursor.parse(cursor)
                : new Cursor(updatedSince == null ? Instant.EPOCH : updatedSince, new UUID(0, 0));
        List<DirectoryEntry> page = directory.updatedAfter(after.at(), after.userId(), Limit.of(limit));
        List<UserBulk.Item> items =
                page.stream().map(entry -> UserBulk.Item.of(entry, cipher)).toList();
        items.stream().filter(i -> i.user() != null).forEach(i -> accessLog.record(i.id(), "user"));
        DirectoryEntry last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new UserBulk.Page(
                items,
                last == null || page.size() < limit ? null : new Cursor(last.updatedAt(), last.userId()).toString(),
                position);
    }

    @Operation(
            operationId = "listUserChecksums",
            summary = "List every user's checksum",
            description =
                    "Id, version, status and content hash of every user, in id order: what reconciliation compares. "
                            + "Live users also show their tools, erased ones the event that erased them.")
    @ApiResponse(responseCode = "200", description = "One page of checksums.")
    @GetMapping("/checksums")
    @Transactional(readOnly = true)
    UserBulk.ChecksumPage checksums(
            @Parameter(description = "The `nextCursor` of the previous page: users after this id.")
                    @RequestParam(required = false)
                    UUID after,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(5000) int limit) {
        List<DirectoryEntry> page =
                directory.findByUserIdGreaterThanOrderByUserId(after == null ? new UUID(0, 0) : after, Limit.of(limit));
        Map<UUID, String> deletions =
                deletionEvents.of(page.stream().filter(DirectoryEntry::erased).toList());
        return new UserBulk.ChecksumPage(
                page.stream()
                        .map(entry -> UserBulk.Checksum.of(entry, cipher, deletions.get(entry.userId())))
                        .toList(),
                page.size() < limit ? null : page.get(page.size() - 1).userId().toString());
    }

    /** An opaque, stable position in the updatedSince listing. */
    record Cursor(Instant at, UUID userId) {
        static Cursor parse(String text) {
            try {
                String[] parts = new String(
                                java.util.Base64.getUrlDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8)
                        .split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException malformed) {
                throw new InvalidCursor();
            }
        }

        @Override
        public String toString() {
            return java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((at + "|" + userId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Operation(
            operationId = "getUser",
            summary = "Read a user",
            description = "The user's current state, read right after any change. Recorded in the access log.")
    @ApiResponse(
            responseCode = "200",
            description = "The user.",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The user's version, e.g. `\"2\"`.",
                            required = true,
                            schema = @Schema(type = "string")))
    @Refusals({ProblemType.UNKNOWN_USER, ProblemType.USER_ERASED})
    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    ResponseEntity<UserView> get(@PathVariable UUID id) {
        DirectoryEntry entry = directory.findById(id).orElseThrow(() -> UserRejected.unknown(id));
        // Erased, or its key destroyed (a restored directory the erasure journal has not re-erased yet).
        UserProfile profile = entry.profile(cipher).orElseThrow(() -> UserRejected.erased(id));
        accessLog.record(id, "user");
        return ResponseEntity.ok().eTag(ETags.of(entry.version())).body(UserView.of(entry, profile));
    }

    @Operation(
            operationId = "changeProfile",
            summary = "Change a user's profile",
            description =
                    "Changes the fields present (JSON merge patch); appends `UserProfileChanged` unless nothing changes. "
                            + "A new email must not be in use.")
    @ApiResponse(
            responseCode = "200",
            description = "Changed (or already so); the user's version now.",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The user's version now.",
                            required = true,
                            schema = @Schema(type = "string")))
    @Refusals({
        ProblemType.INVALID_IF_MATCH,
        ProblemType.UNKNOWN_USER,
        ProblemType.EMAIL_TAKEN,
        ProblemType.CONCURRENT_MODIFICATION,
        ProblemType.USER_ERASED,
        ProblemType.STALE_VERSION
    })
    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<UserVersion> changeProfile(
            @PathVariable UUID id,
            @Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody UserRequests.ProfileChange request) {
        long version = commands.<Long>send(request.toCommand(id, ETags.expectedVersion(ifMatch)));
        return versioned(HttpStatus.OK, id, version);
    }

    @Operation(
            operationId = "changeAccess",
            summary = "Change a user's plan and tools",
            description = "Replaces the user's plan and tools; appends `UserAccessChanged` unless nothing changes.")
    @ApiResponse(
            responseCode = "200",
            description = "Changed (or already so); the user's version now.",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The user's version now.",
                            required = true,
                            schema = @Schema(type = "string")))
    @Refusals({
        ProblemType.INVALID_IF_MATCH,
        ProblemType.UNKNOWN_USER,
        ProblemType.CONCURRENT_MODIFICATION,
        ProblemType.USER_ERASED,
        ProblemType.STALE_VERSION
    })
    @PutMapping(path = "/{id}/access", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserVersion> changeAccess(
            @PathVariable UUID id,
            @Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody UserRequests.AccessChange request) {
        long version = commands.<Long>send(request.toCommand(id, ETags.expectedVersion(ifMatch)));
        return versioned(HttpStatus.OK, id, version);
    }

    @Operation(
            operationId = "deleteUser",
            summary = "Delete a user and erase their personal data",
            description =
                    "Appends `UserDeleted` and destroys the user's key (their personal data in past events becomes "
                            + "unreadable). Accepted, not done: each tool erases its copy as it applies the event and confirms it; "
                            + "`GET /api/erasures/{userId}` shows the progress. The email is free again at once.")
    @ApiResponse(
            responseCode = "202",
            description = "Deleted; the erasure in the tools is under way.",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The user's version now.",
                            required = true,
                            schema = @Schema(type = "string")))
    @Refusals({
        ProblemType.INVALID_IF_MATCH,
        ProblemType.UNKNOWN_USER,
        ProblemType.CONCURRENT_MODIFICATION,
        ProblemType.USER_ERASED,
        ProblemType.STALE_VERSION
    })
    @DeleteMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserVersion> delete(
            @PathVariable UUID id,
            @Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody UserRequests.Deletion request) {
        long version = commands.<Long>send(request.toCommand(id, ETags.expectedVersion(ifMatch)));
        return versioned(HttpStatus.ACCEPTED, id, version);
    }

    private static ResponseEntity<UserVersion> versioned(HttpStatus status, UUID id, long version) {
        return ResponseEntity.status(status).eTag(ETags.of(version)).body(new UserVersion(id, version));
    }
}
