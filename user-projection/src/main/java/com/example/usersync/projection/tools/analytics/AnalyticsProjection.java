package com.example.usersync.projection.tools.analytics;

import com.example.usersync.events.user.Plan;
import com.example.usersync.projection.tools.ToolProjection;
import com.example.usersync.projection.tools.ToolStorage;
import com.example.usersync.projection.tools.UserState;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Analytics gets pseudonymous dimensions only (data minimisation): plan, language and how many
 * tools the user may use. Never an email address or a name. Only users entitled to analytics are held.
 */
@Component
@ProcessingGroup("analytics")
class AnalyticsProjection extends ToolProjection<AnalyticsProjection.Dimensions> {

    record Dimensions(UUID userId, long version, Plan plan, String language, int toolCount) {}

    AnalyticsProjection(ToolStorage storage) {
        super(storage, "analytics_user", Dimensions.class);
    }

    @Override
    protected Map<String, Object> columns(UserState state) {
        return Map.of(
                "plan", state.access().plan().name(),
                "language", Locale.forLanguageTag(state.profile().locale()).getLanguage(),
                "tool_count", state.access().tools().size());
    }
}
