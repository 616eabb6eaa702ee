package com.example.usersync.projection;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.example.usersync.platform.startup.StartupSettings.checkClient;

/**
 * The dev master key, the dev accounts and the dev credentials for the user service
 * ({@code dev-defaults/user-projection.yml}) apply only on the embedded default or with the
 * {@code dev} profile; anywhere else the start is refused without production settings (see the
 * platform's {@link com.example.usersync.platform.startup.DevDefaults}).
 */
class DevDefaults extends com.example.usersync.platform.startup.DevDefaults {

    DevDefaults() {
        super(
                ProjectionApplication.class,
                "user-projection",
                List.of("spring.datasource.url", "user-sync.event-store.datasource.url"));
    }

    /** The shared account for bulk reads, and each tool's own account for its receipts. */
    @Override
    protected void checkClients(ConfigurableEnvironment environment, Binder binder, List<String> problems) {
        checkClient(environment, "user-sync.user-service", "USER_SERVICE_USERNAME", "USER_SERVICE_PASSWORD", problems);
        binder.bind("user-sync.user-service.tools", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of())
                .keySet()
                .forEach(tool -> {
                    String variable =
                            "USER_SERVICE_" + tool.toUpperCase(Locale.ROOT).replace('-', '_');
                    checkClient(
                            environment,
                            "user-sync.user-service.tools." + tool,
                            variable + "_USERNAME",
                            variable + "_PASSWORD",
                            problems);
                });
    }
}
