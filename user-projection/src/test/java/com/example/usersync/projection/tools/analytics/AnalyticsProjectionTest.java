package com.example.usersync.projection.tools.analytics;

import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.events.user.UserRegistered;
import com.example.usersync.projection.tools.ToolTestDatabase;
import com.example.usersync.projection.tools.ToolTestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsProjectionTest {

    final ToolTestDatabase db = new ToolTestDatabase();
    final AnalyticsProjection analytics = new AnalyticsProjection(db.storage);
    final UUID user = UUID.randomUUID();

    @Test
    void anEntitledUserBecomesPseudonymousDimensionsOnly() {
        ToolTestEvents.apply(
                analytics,
                new UserRegistered(
                        user,
                        new UserProfile("ada@example.com", "Ada", "de-CH", "Europe/Zurich"),
                        new UserAccess(Plan.TEAM, List.of("analytics", "mailing"))),
                0);

        assertThat(analytics.table().find(user))
                .contains(new AnalyticsProjection.Dimensions(user, 0, Plan.TEAM, "de", 2));
        assertThat(db.jdbc.sql("SELECT * FROM analytics_user").query().listOfRows())
                .singleElement()
                .satisfies(row -> assertThat(row.values()).doesNotContain("ada@example.com", "Ada"));
    }

    @Test
    void aUserNotEntitledToAnalyticsIsNotCounted() {
        ToolTestEvents.apply(
                analytics,
                new UserRegistered(
                        user,
                        new UserProfile("ada@example.com", "Ada", "en", "UTC"),
                        new UserAccess(Plan.TEAM, List.of("mailing"))),
                0);

        assertThat(analytics.table().count()).isZero();
    }
}
