package com.example.usersync.platform.startup;

import com.example.usersync.platform.security.Accounts;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's public dev master key, dev accounts and dev credentials for its peer apply only on the
 * embedded default (every datasource an H2 URL) or with the {@code dev} profile: they live in
 * {@code dev-defaults/<service>.yml}, never in application.yml. Anywhere else (PostgreSQL, or the
 * {@code prod} profile) the start is refused unless production settings are given, and the message
 * names the environment variables to set. Each service subclasses it with its application class, its
 * datasources and the checks of its clients.
 */
public abstract class DevDefaults implements EnvironmentPostProcessor, Ordered {

    /** Public in this repository, so never a production key. */
    public static final String DEV_MASTER_KEY = "MkJxDaUi21rZQeclCPOWXQllLLzlv4rxxaFhUCNTkus=";

    private final Class<?> application;
    private final String service;
    private final List<String> datasourceUrls;

    /**
     * @param service        the application's name, which names its {@code dev-defaults} resource
     * @param datasourceUrls the properties holding the URLs of every database it opens
     */
    protected DevDefaults(Class<?> application, String service, List<String> datasourceUrls) {
        this.application = application;
        this.service = service;
        this.datasourceUrls = List.copyOf(datasourceUrls);
    }

    @Override
    public final void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(this.application)) {
            return;
        }
        PrivateH2Files.lockDown(environment, application, datasourceUrls);
        if (isDev(environment)) {
            StartupSettings.addBeforeConfigFiles(environment, "dev-defaults/" + service + ".yml");
            return;
        }
        Binder binder = Binder.get(environment);
        List<String> problems = new ArrayList<>();
        StartupSettings.checkMasterKey(environment, DEV_MASTER_KEY, problems);
        StartupSettings.checkAccounts(
                environment,
                binder
                        .bind("user-sync.security.accounts", Bindable.listOf(Accounts.Account.class))
                        .orElse(List.of())
                        .stream()
                        .map(a -> new StartupSettings.Login(a.name(), a.password()))
                        .toList(),
                problems);
        checkClients(environment, binder, problems);
        if (!problems.isEmpty()) {
            throw new StartRefused(service, problems);
        }
    }

    /** Adds a problem for each client of another service that still lacks its production credentials. */
    protected abstract void checkClients(ConfigurableEnvironment environment, Binder binder, List<String> problems);

    /** Dev unless {@code prod} is active; then the {@code dev} profile or an all-H2 setup. */
    public boolean isDev(ConfigurableEnvironment environment) {
        return StartupSettings.isDev(environment, datasourceUrls);
    }

    /** After the configuration files are read, before anything connects or binds. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
