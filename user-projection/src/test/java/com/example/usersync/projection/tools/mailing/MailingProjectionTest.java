package com.example.usersync.projection.tools.mailing;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.ProfileField;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserProfileChanged;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.projection.tools.ToolTestDatabase;
import com.example.usersync.projection.tools.ToolTestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MailingProjectionTest {

    final ToolTestDatabase db = new ToolTestDatabase();
    final MailingProjection mailing = new MailingProjection(db.storage);
    final UUID user = UUID.randomUUID();
    final UserProfile ada = new UserProfile("ada@example.com", "Ada", "en-GB", "Europe/London");

    @Test
    void aRegisteredUserEntitledToMailingBecomesAContact() {
        ToolTestEvents.apply(mailing, new UserRegistered(user, ada, new UserAccess(Plan.TEAM, List.of("mailing"))), 0);

        assertThat(mailing.table().find(user))
                .contains(new MailingProjection.Contact(user, 0, "ada@example.com", "Ada", "en-GB"));
    }

    @Test
    void aProfileChangeRewritesTheContactAtTheNewVersion() {
        ToolTestEvents.apply(mailing, new UserRegistered(user, ada, new UserAccess(Plan.TEAM, List.of("mailing"))), 0);
        ToolTestEvents.apply(
                mailing,
                new UserProfileChanged(
                        user,
                        List.of(ProfileField.EMAIL),
                        new UserProfile("ada@lovelace.org", "Ada L.", "fr-CH", "UTC"),
                        new UserAccess(Plan.TEAM, List.of("mailing"))),
                1);

        assertThat(mailing.table().find(user))
                .contains(new MailingProjection.Contact(user, 1, "ada@lovelace.org", "Ada L.", "fr-CH"));
    }

    @Test
    void aUserNotEntitledToMailingIsNotAContact() {
        ToolTestEvents.apply(mailing, new UserRegistered(user, ada, new UserAccess(Plan.TEAM, List.of("billing"))), 0);

        assertThat(mailing.table().find(user)).isEmpty();
    }

    @Test
    void aDeletionRemovesTheContactAndRecordsTheReceipt() {
        ToolTestEvents.apply(mailing, new UserRegistered(user, ada, new UserAccess(Plan.TEAM, List.of("mailing"))), 0);
        ToolTestEvents.delete(
                mailing,
                new UserDeleted(user, ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT),
                "deletion-1");

        assertThat(mailing.table().find(user)).isEmpty();
        assertThat(db.count("SELECT COUNT(*) FROM erasure_receipt WHERE tool = 'mailing' AND user_id = ?", user))
                .isOne();
    }
}
