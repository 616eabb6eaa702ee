package com.example.usersync.command.user;

import com.example.usersync.command.user.UserRejected.Reason;
import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.ProfileField;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.not;

class UserTest {

    private static final UUID USER = UUID.fromString("6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d");
    private static final UUID OTHER_USER = UUID.fromString("b8e1d7c4-1a2b-4c3d-8e9f-a0b1c2d3e4f5");
    private static final UserProfile PROFILE = new UserProfile("ana@example.com", "Ana", "de-CH", "Europe/Zurich");
    private static final UserAccess ACCESS = new UserAccess(Plan.TEAM, List.of("billing", "wiki"));
    private static final UserRegistered REGISTERED = new UserRegistered(USER, PROFILE, ACCESS);
    private static final UserProfileChanged MOVED_TO_UTC =
            profileChanged(List.of(ProfileField.TIME_ZONE), new UserProfile("ana@example.com", "Ana", "de-CH", "UTC"));
    private static final UserDeleted DELETED =
            new UserDeleted(USER, ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT);

    /** Keys are normalized email addresses, as the real registry stores them. */
    private final Map<String, UUID> emailHolders = new HashMap<>();

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource((EmailRegistry) key -> Optional.ofNullable(emailHolders.get(key)));
    }

    @Test
    void registersUserWhenEmailIsFree() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, PROFILE, ACCESS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED)
                .expectResultMessagePayload(USER);
    }

    @Test
    void startsTheVersionAtZeroWithRegistration() {
        fixture.givenCommands(new RegisterUser(USER, PROFILE, ACCESS))
                .when(new ChangeAccess(USER, 0L, new UserAccess(Plan.FREE, List.of())))
                .expectEvents(accessChanged(new UserAccess(Plan.FREE, List.of())))
                .expectResultMessagePayload(1L);
    }

    @Test
    void registersUserWhenEmailIsAlreadyHeldByTheSameUser() {
        // A retried registration finds its own claim; that must not count as someone else's address.
        emailHolders.put("ana@example.com", USER);

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, PROFILE, ACCESS))
                .expectEvents(REGISTERED);
    }

    @Test
    void rejectsRegistrationWithEmailHeldByAnotherUser() {
        emailHolders.put("ana@example.com", OTHER_USER);

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, PROFILE, ACCESS))
                .expectNoEvents()
                .expectException(rejectedFor(Reason.EMAIL_TAKEN))
                .expectExceptionMessage("The email address is already in use by another user.");
    }

    @Test
    void rejectsRegistrationWithEmailHeldByAnotherUserInDifferentCase() {
        emailHolders.put("ana@example.com", OTHER_USER);
        UserProfile shouting = new UserProfile("  ANA@Example.COM ", "Ana", "de-CH", "Europe/Zurich");

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, shouting, ACCESS))
                .expectNoEvents()
                .expectException(rejectedFor(Reason.EMAIL_TAKEN));
    }

    @Test
    void changesProfileWithExactlyTheChangedFieldsAndTheFullNewProfile() {
        UserProfile changed = new UserProfile("ana@example.com", "Ana Muster", "de-CH", "Europe/Berlin");

        fixture.given(REGISTERED)
                .when(new ChangeProfile(USER, null, null, "Ana Muster", null, "Europe/Berlin"))
                .expectEvents(profileChanged(List.of(ProfileField.DISPLAY_NAME, ProfileField.TIME_ZONE), changed))
                .expectResultMessagePayload(1L);
    }

    @Test
    void changesEveryProfileFieldAtOnce() {
        UserProfile changed = new UserProfile("ana.muster@example.com", "Ana Muster", "fr-CH", "Europe/Paris");

        fixture.given(REGISTERED)
                .when(new ChangeProfile(
                        USER, 0L, changed.email(), changed.displayName(), changed.locale(), changed.timeZone()))
                .expectEvents(profileChanged(List.of(ProfileField.values()), changed))
                .expectResultMessagePayload(1L);
    }

    @Test
    void emitsNoEventWhenProfileChangeChangesNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeProfile(USER, null, "ana@example.com", "Ana", null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void returnsTheCurrentVersionForANoOpProfileChangeOnALaterVersion() {
        fixture.given(REGISTERED, accessChanged(new UserAccess(Plan.BUSINESS, List.of())))
                .when(new ChangeProfile(USER, 1L, null, "Ana", null, null))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void rejectsEmailChangeToAnAddressHeldByAnotherUser() {
        emailHolders.put("bob@example.com", OTHER_USER);

        fixture.given(REGISTERED)
                .when(new ChangeProfile(USER, null, "Bob@Example.com", null, null, null))
                .expectNoEvents()
                .expectException(rejectedFor(Reason.EMAIL_TAKEN));
    }

    @Test
    void checksEmailAvailabilityOnlyWhenTheEmailChanges() {
        // A stale or inconsistent registry must not block edits that leave the address alone.
        emailHolders.put("ana@example.com", OTHER_USER);

        fixture.given(REGISTERED)
                .when(new ChangeProfile(USER, null, "ana@example.com", "Ana Muster", null, null))
                .expectEvents(profileChanged(
                        List.of(ProfileField.DISPLAY_NAME),
                        new UserProfile("ana@example.com", "Ana Muster", "de-CH", "Europe/Zurich")));
    }

    @Test
    void allowsChangingOnlyTheCaseOfOnesOwnEmail() {
        emailHolders.put("ana@example.com", USER);

        fixture.given(REGISTERED)
                .when(new ChangeProfile(USER, null, "Ana@Example.com", null, null, null))
                .expectEvents(profileChanged(
                        List.of(ProfileField.EMAIL),
                        new UserProfile("Ana@Example.com", "Ana", "de-CH", "Europe/Zurich")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void rejectsProfileChangeWithStaleVersion() {
        fixture.given(REGISTERED)
                .when(new ChangeProfile(USER, 5L, null, "Ana Muster", null, null))
                .expectNoEvents()
                .expectException(staleAt(0L))
                .expectExceptionMessage("User " + USER + " is at version 0, not 5.");
    }

    @Test
    void acceptsProfileChangeWithMatchingVersion() {
        fixture.given(REGISTERED, MOVED_TO_UTC)
                .when(new ChangeProfile(USER, 1L, null, "Ana Muster", null, null))
                .expectEvents(profileChanged(
                        List.of(ProfileField.DISPLAY_NAME),
                        new UserProfile("ana@example.com", "Ana Muster", "de-CH", "UTC")))
                .expectResultMessagePayload(2L);
    }

    @Test
    void acceptsProfileChangeWithoutExpectedVersion() {
        fixture.given(REGISTERED, MOVED_TO_UTC)
                .when(new ChangeProfile(USER, null, null, null, "en", null))
                .expectEvents(profileChanged(
                        List.of(ProfileField.LOCALE), new UserProfile("ana@example.com", "Ana", "en", "UTC")))
                .expectResultMessagePayload(2L);
    }

    @Test
    void checksVersionBeforeDecidingThatNothingChanged() {
        fixture.given(REGISTERED)
                .when(new ChangeProfile(USER, 3L, null, "Ana", null, null))
                .expectNoEvents()
                .expectException(staleAt(0L));
    }

    @Test
    void changesAccess() {
        UserAccess upgraded = new UserAccess(Plan.ENTERPRISE, List.of("wiki", "billing", "crm"));

        fixture.given(REGISTERED)
                .when(new ChangeAccess(USER, 0L, upgraded))
                .expectEvents(accessChanged(new UserAccess(Plan.ENTERPRISE, List.of("billing", "crm", "wiki"))))
                .expectResultMessagePayload(1L);
    }

    @Test
    void emitsNoEventWhenAccessIsUnchanged() {
        // Tool lists are sets: order and duplicates carry no meaning.
        UserAccess sameToolsReordered = new UserAccess(Plan.TEAM, List.of("wiki", "billing", "wiki"));

        fixture.given(REGISTERED)
                .when(new ChangeAccess(USER, null, sameToolsReordered))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void rejectsAccessChangeWithStaleVersion() {
        fixture.given(REGISTERED, accessChanged(new UserAccess(Plan.FREE, List.of())))
                .when(new ChangeAccess(USER, 0L, new UserAccess(Plan.BUSINESS, List.of())))
                .expectNoEvents()
                .expectException(staleAt(1L));
    }

    @Test
    void deletesUser() {
        fixture.given(REGISTERED)
                .when(new DeleteUser(USER, 0L, ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT))
                .expectEvents(DELETED)
                .expectResultMessagePayload(1L);
    }

    @Test
    void rejectsDeletionWithStaleVersion() {
        fixture.given(REGISTERED)
                .when(new DeleteUser(USER, 1L, ErasureReason.ACCOUNT_CLOSED, ErasureRequester.CUSTOMER_SUPPORT))
                .expectNoEvents()
                .expectException(staleAt(0L));
    }

    @Test
    void rejectsProfileChangeAfterDeletion() {
        fixture.given(REGISTERED, DELETED)
                .when(new ChangeProfile(USER, null, null, "Ana", null, null))
                .expectNoEvents()
                .expectException(rejectedFor(Reason.USER_ERASED));
    }

    @Test
    void rejectsAccessChangeAfterDeletion() {
        fixture.given(REGISTERED, DELETED)
                .when(new ChangeAccess(USER, null, ACCESS))
                .expectNoEvents()
                .expectException(rejectedFor(Reason.USER_ERASED));
    }

    @Test
    void rejectsDeletingAnErasedUserAgain() {
        fixture.given(REGISTERED, DELETED)
                .when(new DeleteUser(USER, null, ErasureReason.LEGAL_OBLIGATION, ErasureRequester.LEGAL_AUTHORITY))
                .expectNoEvents()
                .expectException(rejectedFor(Reason.USER_ERASED));
    }

    @Test
    void reportsErasureRatherThanStaleVersionForAnErasedUser() {
        // 410 tells the client that retrying with a fresh version is pointless.
        fixture.given(REGISTERED, DELETED)
                .when(new ChangeProfile(USER, 0L, null, "Ana", null, null))
                .expectException(rejectedFor(Reason.USER_ERASED));
    }

    @Test
    void rejectionsNeverCarryPersonalData() {
        emailHolders.put("ana@example.com", OTHER_USER);

        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER, PROFILE, ACCESS))
                .expectExceptionMessage(
                        allOf(not(containsStringIgnoringCase("ana@example.com")), not(containsString("Ana"))));
    }

    /** Every profile change in these tests happens while the user holds {@link #ACCESS}. */
    private static UserProfileChanged profileChanged(List<ProfileField> fields, UserProfile profile) {
        return new UserProfileChanged(USER, fields, profile, ACCESS);
    }

    /** Every access change in these tests happens while the user holds {@link #PROFILE}. */
    private static UserAccessChanged accessChanged(UserAccess access) {
        return new UserAccessChanged(USER, PROFILE, access);
    }

    private static Matcher<UserRejected> rejectedFor(Reason reason) {
        return new RejectionMatcher(reason, null);
    }

    private static Matcher<UserRejected> staleAt(long currentVersion) {
        return new RejectionMatcher(Reason.STALE_VERSION, currentVersion);
    }

    @Test
    void aJournaledErasureTheStreamLostIsAppliedAgainWithTheJournaledDeletionAsCause() {
        fixture.given(REGISTERED, MOVED_TO_UTC)
                .when(new ReapplyErasure(
                        USER, "journaled-deletion", ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(DELETED)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.predicate(event -> "journaled-deletion"
                                .equals(((org.axonframework.eventhandling.EventMessage<?>) event)
                                        .getMetaData()
                                        .get(com.example.usersync.events.MetadataKeys.CAUSATION_ID))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void reapplyingAnErasureTheStreamStillHoldsChangesNothing() {
        fixture.given(REGISTERED, DELETED)
                .when(new ReapplyErasure(
                        USER, "journaled-deletion", ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static final class RejectionMatcher extends TypeSafeMatcher<UserRejected> {

        private final Reason reason;
        private final Long currentVersion;

        RejectionMatcher(Reason reason, Long currentVersion) {
            this.reason = reason;
            this.currentVersion = currentVersion;
        }

        @Override
        protected boolean matchesSafely(UserRejected rejected) {
            return rejected.reason() == reason
                    && USER.equals(rejected.userId())
                    && Objects.equals(currentVersion, rejected.currentVersion());
        }

        @Override
        public void describeTo(Description description) {
            description.appendText(
                    "UserRejected(" + reason + ", user " + USER + ", currentVersion " + currentVersion + ")");
        }

        @Override
        protected void describeMismatchSafely(UserRejected rejected, Description description) {
            description.appendText("was UserRejected(" + rejected.reason() + ", user " + rejected.userId()
                    + ", currentVersion " + rejected.currentVersion() + ")");
        }
    }
}
