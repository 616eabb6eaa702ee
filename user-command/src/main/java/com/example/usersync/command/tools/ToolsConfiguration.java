package com.example.usersync.command.tools;

import com.example.usersync.command.config.UserCommandSettings;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** The known tools, read from the tool-sync service at start and then every refresh interval. */
@Configuration(proxyBeanMethods = false)
class ToolsConfiguration implements SchedulingConfigurer {

    /** How often the schedule looks whether a refresh is due (after a failure the back-off decides when). */
    private static final Duration TICK = Duration.ofSeconds(1);

    private final KnownTools tools;

    /**
     * @param journal the erasure journal's database (migrated by the {@code erasureJournal} bean), which outlives
     *                restores of the event store: a restored store must not forget a tool
     */
    ToolsConfiguration(
            @Qualifier("erasureJournal") DataSource journal,
            RestClient.Builder rest,
            UserCommandSettings settings,
            Clock clock) {
        ToolSyncService toolSync = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(
                        settings.projectionService().client(rest).build()))
                .build()
                .createClient(ToolSyncService.class);
        ExponentialBackOff retries = new ExponentialBackOff(TICK.toMillis(), 2);
        retries.setMaxInterval(settings.tools().refreshInterval().toMillis());
        this.tools = new KnownTools(
                JdbcClient.create(journal),
                toolSync,
                clock,
                retries,
                settings.tools().refreshInterval(),
                settings.erasure().requiredTools());
    }

    @Bean
    @DependsOn("erasureJournal")
    KnownTools knownTools() {
        return tools;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(tools::refreshWhenDue, TICK, Duration.ZERO));
    }
}
