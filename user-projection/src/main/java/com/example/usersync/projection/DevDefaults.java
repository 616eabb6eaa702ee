package com.example.usersync.projection;

import com.example.usersync.platform.startup.PrivateH2Files;
import com.example.usersync.platform.startup.StartRefused;
import com.example.usersync.platform.startup.StartupSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public dev master key, the dev accounts and the dev credentials for the user service apply only
 * on the embedded default (every datasource an H2 URL) or with the {@code dev} profile: they live in
 * {@code dev-defaults/user-projection.yml}, never in application.yml. Anywhere else (PostgreSQL, or
 * the {@code prod} profile) the start is refused unless production settings are given, and the
 * message names the environment variables to set.
 */
class DevDefaults implements EnvironmentPostProcessor, Ordered {

    /** Public in this repository, so never a production key. */
    static final String DEV_MASTER_KEY = "MkJxDaUi21rZQeclCPOWXQllLLzlv4rxxaFhUCNTkus=";
    private static final String RESOURCE = "dev-defaults/user-projection.yml";
    private static final List<String> DATASOURCE_URLS =
            List.of("spring.datasource.url", "user-sync.event-store.datasource.url");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(ProjectionApplication.class)) {
            return;
        }
        PrivateH2Files.lockDown(environment, application, DATASOURCE_URLS);
        if (isDev(environment)) {
            StartupSettings.addBeforeConfigFiles(environment, RESOURCE);
            return;
        }
        Binder binder = Binder.get(environment);
        List<String> problems = new ArrayList<>();
        StartupSettings.checkMasterKey(environment, DEV_MASTER_KEY, problems);
        StartupSettings.checkAccounts(environment, binder
                .bind("user-sync.security.accounts", Bindable.listOf(SecurityConfiguration.Accounts.Account.class))
                .orElse(List.of()).stream().map(a -> new StartupSettings.Login(a.name(), a.password())).toList(), problems);
        StartupSettings.checkClient(environment, "user-sync.user-service",
                "USER_SERVICE_USERNAME", "USER_SERVICE_PASSWORD", problems);
        binder.bind("user-sync.user-service.tools", Bindable.mapOf(String.class, Object.class)).orElse(Map.of())
                .keySet().forEach(tool -> {
                    String variable = "USER_SERVICE_" + tool.toUpperCase(Locale.ROOT).replace('-', '_');
                    StartupSettings.checkClient(environment, "user-sync.user-service.tools." + tool,
                            variable + "_USERNAME", variable + "_PASSWORD", problems);
                });
        if (!problems.isEmpty()) {
            throw new StartRefused("user-projection", problems);
        }
    }

    /** Dev unless {@code prod} is active; then the {@code dev} profile or an all-H2 setup. */
    static boolean isDev(ConfigurableEnvironment environment) {
        return StartupSettings.isDev(environment, DATASOURCE_URLS);
    }

    /** After the configuration files are read, before anything connects or binds. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
