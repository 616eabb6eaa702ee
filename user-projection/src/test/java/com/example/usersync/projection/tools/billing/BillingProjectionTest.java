package com.example.usersync.projection.tools.billing;

import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserAccessChanged;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.events.user.UserStateSnapshotted;
import com.example.usersync.projection.tools.ToolTestDatabase;
import com.example.usersync.projection.tools.ToolTestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BillingProjectionTest {

    final ToolTestDatabase db = new ToolTestDatabase();
    final BillingProjection billing = new BillingProjection(db.storage);
    final UUID user = UUID.randomUUID();
    final UserProfile ada = new UserProfile("ada@example.com", "Ada", "en", "UTC");

    @Test
    void everyUserHasAnAccountEvenWithoutTheEntitlementAndAFreeOneIsNotCharged() {
        ToolTestEvents.apply(billing, new UserRegistered(user, ada, new UserAccess(Plan.FREE, List.of())), 0);

        assertThat(billing.table().find(user))
                .contains(new BillingProjection.Account(user, 0, Plan.FREE, "NOT_CHARGED", "ada@example.com"));
    }

    @Test
    void anUpgradeChargesTheAccount() {
        ToolTestEvents.apply(billing, new UserRegistered(user, ada, new UserAccess(Plan.FREE, List.of())), 0);
        ToolTestEvents.apply(
                billing, new UserAccessChanged(user, ada, new UserAccess(Plan.BUSINESS, List.of("billing"))), 1);

        assertThat(billing.table().find(user))
                .contains(new BillingProjection.Account(user, 1, Plan.BUSINESS, "CHARGED", "ada@example.com"));
    }

    @Test
    void aSnapshotRestatementWritesTheAccountOfAUserTheToolNeverSaw() {
        ToolTestEvents.apply(
                billing,
                new UserStateSnapshotted(user, UUID.randomUUID(), ada, new UserAccess(Plan.TEAM, List.of())),
                7);

        assertThat(billing.table().find(user))
                .contains(new BillingProjection.Account(user, 7, Plan.TEAM, "CHARGED", "ada@example.com"));
    }
}
