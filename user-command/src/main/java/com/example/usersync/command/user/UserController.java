package com.example.usersync.command.user;

import com.example.usersync.command.audit.AccessLog;
import com.example.usersync.command.web.CommandSender;
import com.example.usersync.command.web.ETags;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.UUID;

@RestController
@RequestMapping(path = "/api/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final CommandSender commands;
    private final DirectoryRepository directory;
    private final AccessLog accessLog;

    UserController(CommandSender commands, DirectoryRepository directory, AccessLog accessLog) {
        this.commands = commands;
        this.directory = directory;
        this.accessLog = accessLog;
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

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    ResponseEntity<UserView> get(@PathVariable UUID id) {
        DirectoryEntry entry = directory.findById(id).orElseThrow(() -> UserRejected.unknown(id));
        if (entry.erased()) {
            throw UserRejected.erased(id);
        }
        accessLog.record(id, "user");
        return ResponseEntity.ok().eTag(ETags.of(entry.version())).body(UserView.of(entry));
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
