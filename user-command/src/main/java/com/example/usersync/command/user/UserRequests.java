package com.example.usersync.command.user;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.logging.Redacted;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.lang.Nullable;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Request bodies of the user API (and the console's forms), validated before any command is sent. */
public final class UserRequests {

    // Anchored and in the regex dialect Java and ECMA 262 share: the API document states them as JSON Schema patterns.
    static final String TOOL_ID = "^[a-z][a-z0-9-]{0,39}$";
    static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";

    private UserRequests() {}

    @Schema(name = "UserRegistration", description = "A new user: their profile and what they may use.")
    public record Registration(
            @Schema(example = "alex.example@example.com") @NotBlank @Email @Size(max = 254) @PlainText
            String email,

            @Schema(example = "Alex Example") @NotBlank @Size(max = 100) @PlainText
            String displayName,

            @Schema(description = "BCP 47 language tag.", example = "en-US") @NotBlank @LanguageTag
            String locale,

            @Schema(description = "IANA time zone id; `UTC` when absent.", example = "America/New_York") @TimeZoneId
            String timeZone,

            @Schema(description = "`FREE` when absent.") Plan plan,

            @ArraySchema(
                    arraySchema = @Schema(description = "The tools the user may use; none when absent."),
                    schema = @Schema(example = "billing"))
            @Size(max = 50)
            List<@NotNull @Pattern(regexp = TOOL_ID, message = "must be a tool id like 'billing'") String> tools) {
        /** NFC before validation: the NFC and NFD forms of one address are one address, stored once. */
        public Registration {
            email = nfc(email);
            displayName = nfc(displayName);
        }

        RegisterUser toCommand(UUID userId) {
            return new RegisterUser(
                    userId,
                    new UserProfile(
                            email.trim(),
                            displayName.trim(),
                            canonicalLocale(locale),
                            timeZone == null ? "UTC" : timeZone),
                    new UserAccess(plan == null ? Plan.FREE : plan, tools));
        }

        /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
        @Override
        public String toString() {
            return Redacted.toString(this, "email", "displayName");
        }
    }

    /** Only the fields present change; at least one must be present. */
    @Schema(description = "Only the fields present and not null change; at least one must be given.", minProperties = 1)
    public record ProfileChange(
            @Schema(example = "alex.example@example.org")
            @Nullable
            @Email
            @Size(min = 3, max = 254)
            @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            @PlainText
            String email,

            @Schema(example = "Alex Q. Example")
            @Nullable
            @Size(max = 100)
            @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            @PlainText
            String displayName,

            @Schema(description = "BCP 47 language tag.", example = "en-GB") @Nullable @LanguageTag
            String locale,

            @Schema(description = "IANA time zone id.", example = "Europe/London") @Nullable @TimeZoneId
            String timeZone) {
        public ProfileChange {
            email = nfc(email);
            displayName = nfc(displayName);
        }

        @JsonIgnore
        @AssertTrue(message = "at least one of email, displayName, locale, timeZone must be given")
        public boolean isAnyFieldGiven() {
            return email != null || displayName != null || locale != null || timeZone != null;
        }

        ChangeProfile toCommand(UUID userId, Long expectedVersion) {
            return new ChangeProfile(
                    userId,
                    expectedVersion,
                    email == null ? null : email.trim(),
                    displayName == null ? null : displayName.trim(),
                    locale == null ? null : canonicalLocale(locale),
                    timeZone);
        }

        /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
        @Override
        public String toString() {
            return Redacted.toString(this, "email", "displayName");
        }
    }

    @Schema(description = "The user's plan and tools, replaced as a whole.")
    public record AccessChange(
            @NotNull Plan plan,

            @ArraySchema(
                    arraySchema = @Schema(description = "The tools the user may use from now on."),
                    schema = @Schema(example = "analytics"))
            @NotNull
            @Size(max = 50)
            List<@NotNull @Pattern(regexp = TOOL_ID, message = "must be a tool id like 'billing'") String> tools) {
        ChangeAccess toCommand(UUID userId, Long expectedVersion) {
            return new ChangeAccess(userId, expectedVersion, new UserAccess(plan, tools));
        }
    }

    @Schema(
            name = "UserDeletion",
            description = "Why the user is deleted and on whose request: recorded in the erasure ledger.")
    public record Deletion(
            @NotNull ErasureReason reason, @NotNull ErasureRequester requestedBy) {
        DeleteUser toCommand(UUID userId, Long expectedVersion) {
            return new DeleteUser(userId, expectedVersion, reason, requestedBy);
        }
    }

    private static String nfc(String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static String canonicalLocale(String tag) {
        return Locale.forLanguageTag(tag).toLanguageTag();
    }
}
