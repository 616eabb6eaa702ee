package com.example.usersync.command;

import com.example.usersync.platform.startup.PrivateH2Files;
import com.example.usersync.platform.startup.StartRefused;
import com.example.usersync.platform.startup.StartupSettings;
import com.example.usersync.command.web.SecurityConfiguration.Accounts.Account;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.List;

/**
 * The public dev master key, the dev accounts and the dev credentials for the projection apply only
 * on the embedded default (every datasource an H2 URL) or with the {@code dev} profile: they live in
 * {@code dev-defaults/user-command.yml}, never in application.yml. Anywhere else (PostgreSQL, or the
 * {@code prod} profile) the start is refused unless production settings are given, and the message
 * names the environment variables to set.
 */
class DevDefaults implements EnvironmentPostProcessor, Ordered {

    /** Public in this repository, so never a production key. */
    static final String DEV_MASTER_KEY = "MkJxDaUi21rZQeclCPOWXQllLLzlv4rxxaFhUCNTkus=";
    private static final String RESOURCE = "dev-defaults/user-command.yml";
    private static final List<String> DATASOURCE_URLS =
            List.of("spring.datasource.url", "user-sync.erasure-journal.datasource.url");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(UserCommandApplication.class)) {
            return;
        }
        PrivateH2Files.lockDown(environment, application, DATASOURCE_URLS);
        if (isDev(environment)) {
            StartupSettings.addBeforeConfigFiles(environment, RESOURCE);
            return;
        }
        List<String> problems = new ArrayList<>();
        StartupSettings.checkMasterKey(environment, DEV_MASTER_KEY, problems);
        StartupSettings.checkAccounts(environment, Binder.get(environment)
                .bind("user-sync.security.accounts", Bindable.listOf(Account.class)).orElse(List.of())
                .stream().map(a -> new StartupSettings.Login(a.name(), a.password())).toList(), problems);
        StartupSettings.checkClient(environment, "user-sync.projection-service",
                "PROJECTION_SERVICE_USERNAME", "PROJECTION_SERVICE_PASSWORD", problems);
        if (!problems.isEmpty()) {
            throw new StartRefused("user-command", problems);
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
