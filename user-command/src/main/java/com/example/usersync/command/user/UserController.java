package com.example.usersync.command.user;

import com.example.usersync.platform.web.InvalidCursor;
import com.example.usersync.command.audit.AccessLog;
import com.example.usersync.command.web.CommandSender;
import com.example.usersync.command.web.ETags;
import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.user.UserProfile;
import jakarta.validation.Valid;
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

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Limit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final CommandSender commands;
    private final DirectoryRepository directory;
    private final AccessLog accessLog;
    private final PersonalDataCipher cipher;
    private final DeletionEvents deletionEvents;

    UserController(CommandSender commands, DirectoryRepository directory, AccessLog accessLog, PersonalDataCipher cipher,
                   DeletionEvents deletionEvents) {
        this.commands = commands;
        this.directory = directory;
        this.accessLog = accessLog;
        this.cipher = cipher;
        this.deletionEvents = deletionEvents;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserVersion> register(@Valid @RequestBody UserRequests.Registration request) {
        UUID userId = UUID.randomUUID();
        commands.send(request.toCommand(userId));
        return ResponseEntity
                .created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(userId).toUri())
                .eTag(ETags.of(0))
                .body(new UserVersion(userId, 0));
    }

    /**
     * Bulk reads: users changed since an instant (cursor-paged, oldest change first), or the users
     * with the given ids. Erased users appear with their status and no personal data.
     */
    @GetMapping
    @Transactional(readOnly = true)
    UserBulk.Page<UserBulk.Item> users(@RequestParam(required = false) Instant updatedSince,
                                       @RequestParam(required = false) String cursor,
                                       @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                       @RequestParam(required = false) @Size(max = 200) List<UUID> ids) {
        if (ids != null) {
            List<UserBulk.Item> items = directory.findAllById(ids).stream().map(entry -> UserBulk.Item.of(entry, cipher)).toList();
            items.stream().filter(i -> i.user() != null).forEach(i -> accessLog.record(i.id(), "user"));
            return new UserBulk.Page<>(items, null);
        }
        Cursor after = cursor != null ? Cursor.parse(cursor)
                : new Cursor(updatedSince == null ? Instant.EPOCH : updatedSince, new UUID(0, 0));
        List<DirectoryEntry> page = directory.updatedAfter(after.at(), after.userId(), Limit.of(limit));
        List<UserBulk.Item> items = page.stream().map(entry -> UserBulk.Item.of(entry, cipher)).toList();
        items.stream().filter(i -> i.user() != null).forEach(i -> accessLog.record(i.id(), "user"));
        DirectoryEntry last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new UserBulk.Page<>(items, last == null || page.size() < limit ? null
                : new Cursor(last.updatedAt(), last.userId()).toString());
    }

    /**
     * Id, version, status and content hash of every user, by id: what reconciliation compares. Live
     * users also show their tools, erased ones the event that erased them.
     */
    @GetMapping("/checksums")
    @Transactional(readOnly = true)
    UserBulk.Page<UserBulk.Checksum> checksums(@RequestParam(required = false) UUID after,
                                               @RequestParam(defaultValue = "1000") @Min(1) @Max(5000) int limit) {
        List<DirectoryEntry> page = directory.findByUserIdGreaterThanOrderByUserId(after == null ? new UUID(0, 0) : after, Limit.of(limit));
        Map<UUID, String> deletions = deletionEvents.of(page.stream().filter(DirectoryEntry::erased).toList());
        return new UserBulk.Page<>(page.stream().map(entry -> UserBulk.Checksum.of(entry, cipher, deletions.get(entry.userId()))).toList(),
                page.size() < limit ? null : page.get(page.size() - 1).userId().toString());
    }

    /** An opaque, stable position in the updatedSince listing. */
    record Cursor(Instant at, UUID userId) {
        static Cursor parse(String text) {
            try {
                String[] parts = new String(java.util.Base64.getUrlDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException malformed) {
                throw new InvalidCursor();
            }
        }

        @Override
        public String toString() {
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((at + "|" + userId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    ResponseEntity<UserView> get(@PathVariable UUID id) {
        DirectoryEntry entry = directory.findById(id).orElseThrow(() -> UserRejected.unknown(id));
        // Erased, or its key destroyed (a restored directory the erasure journal has not re-erased yet).
        UserProfile profile = entry.profile(cipher).orElseThrow(() -> UserRejected.erased(id));
        accessLog.record(id, "user");
        return ResponseEntity.ok().eTag(ETags.of(entry.version())).body(UserView.of(entry, profile));
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<UserVersion> changeProfile(@PathVariable UUID id,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody UserRequests.ProfileChange request) {
        long version = commands.<Long>send(request.toCommand(id, ETags.expectedVersion(ifMatch)));
        return versioned(HttpStatus.OK, id, version);
    }

    @PutMapping(path = "/{id}/access", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserVersion> changeAccess(@PathVariable UUID id,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody UserRequests.AccessChange request) {
        long version = commands.<Long>send(request.toCommand(id, ETags.expectedVersion(ifMatch)));
        return versioned(HttpStatus.OK, id, version);
    }

    /** Records the erasure; the user's data then disappears from every tool as they apply it. */
    @DeleteMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserVersion> delete(@PathVariable UUID id,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @Valid @RequestBody UserRequests.Deletion request) {
        long version = commands.<Long>send(request.toCommand(id, ETags.expectedVersion(ifMatch)));
        return versioned(HttpStatus.ACCEPTED, id, version);
    }

    private static ResponseEntity<UserVersion> versioned(HttpStatus status, UUID id, long version) {
        return ResponseEntity.status(status).eTag(ETags.of(version)).body(new UserVersion(id, version));
    }
}
