package com.example.usersync.command.tools;

import com.example.usersync.command.config.UserCommandSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

/** The known tools, read from the tool-sync service at start and then every refresh interval. */
@Configuration(proxyBeanMethods = false)
class ToolsConfiguration implements SchedulingConfigurer {

    /** How often the schedule looks whether a refresh is due (after a failure the back-off decides when). */
    private static final Duration TICK = Duration.ofSeconds(1);

    private final KnownTools tools;

    ToolsConfiguration(JdbcClient db, RestClient.Builder rest, UserCommandSettings settings, Clock clock) {
        ToolSyncService toolSync = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(
                        settings.projectionService().client(rest).build()))
                .build()
                .createClient(ToolSyncService.class);
        ExponentialBackOff retries = new ExponentialBackOff(TICK.toMillis(), 2);
        retries.setMaxInterval(settings.tools().refreshInterval().toMillis());
        this.tools = new KnownTools(
                db,
                toolSync,
                clock,
                retries,
                settings.tools().refreshInterval(),
                settings.erasure().requiredTools());
    }

    @Bean
    KnownTools knownTools() {
        return tools;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(tools::refreshWhenDue, TICK, Duration.ZERO));
    }
}
