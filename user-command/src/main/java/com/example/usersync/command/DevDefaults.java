package com.example.usersync.command;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;

import static com.example.usersync.platform.startup.StartupSettings.checkClient;

/**
 * The dev master key, the dev accounts and the dev credentials for the projection
 * ({@code dev-defaults/user-command.yml}) apply only on the embedded default or with the {@code dev}
 * profile; anywhere else the start is refused without production settings (see the platform's
 * {@link com.example.usersync.platform.startup.DevDefaults}).
 */
class DevDefaults extends com.example.usersync.platform.startup.DevDefaults {

    DevDefaults() {
        super(
                UserCommandApplication.class,
                "user-command",
                List.of("spring.datasource.url", "user-sync.erasure-journal.datasource.url"));
    }

    @Override
    protected void checkClients(ConfigurableEnvironment environment, Binder binder, List<String> problems) {
        checkClient(
                environment,
                "user-sync.projection-service",
                "PROJECTION_SERVICE_USERNAME",
                "PROJECTION_SERVICE_PASSWORD",
                problems);
    }
}
