package com.example.usersync.command.user;

import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's current state in the command side's directory. Email and name are stored encrypted with
 * the user's key ({@link PersonalDataCipher}), so the event store database holds no plaintext;
 * personal fields are null once erased.
 */
@Entity
@Table(name = "user_directory")
class DirectoryEntry extends StoredByPersist {

    enum Status {
        ACTIVE,
        ERASED
    }

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Override
    public UUID getId() {
        return userId;
    }

    @Enumerated(EnumType.STRING)
    private Status status;

    private long version;
    private String email;

    @Column(name = "display_name")
    private String displayName;

    private String locale;

    @Column(name = "time_zone")
    private String timeZone;

    @Enumerated(EnumType.STRING)
    private Plan plan;
    // Tool ids match [a-z][a-z0-9-]*, so a comma never occurs inside one.
    private String tools;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected DirectoryEntry() {}

    DirectoryEntry(UUID userId, Instant registeredAt) {
        this.userId = userId;
        this.status = Status.ACTIVE;
        this.registeredAt = registeredAt;
    }

    void profile(UserProfile profile, PersonalDataCipher cipher) {
        email = cipher.encrypt(userId.toString(), profile.email());
        displayName = cipher.encrypt(userId.toString(), profile.displayName());
        locale = profile.locale();
        timeZone = profile.timeZone();
    }

    void access(UserAccess access) {
        plan = access.plan();
        tools = String.join(",", access.tools());
    }

    void erase() {
        status = Status.ERASED;
        email = null;
        displayName = null;
        locale = null;
        timeZone = null;
        plan = null;
        tools = null;
    }

    void touched(long version, Instant at) {
        this.version = version;
        this.updatedAt = at;
    }

    UUID userId() {
        return userId;
    }

    boolean erased() {
        return status == Status.ERASED;
    }

    long version() {
        return version;
    }

    /**
     * The profile in plaintext; empty once erased, and also while the key is destroyed but the row
     * not yet erased (a restored database before the erasure journal is re-applied).
     */
    Optional<UserProfile> profile(PersonalDataCipher cipher) {
        if (erased()) {
            return Optional.empty();
        }
        String plainEmail = cipher.decrypt(email);
        if (plainEmail == null) {
            return Optional.empty();
        }
        return Optional.of(new UserProfile(plainEmail, cipher.decrypt(displayName), locale, timeZone));
    }

    UserAccess access() {
        return new UserAccess(plan, tools == null || tools.isEmpty() ? List.of() : Arrays.asList(tools.split(",")));
    }

    Instant registeredAt() {
        return registeredAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
