package com.example.usersync.projection.external;

import com.example.usersync.projection.config.ProjectionSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every declared external tool ({@code user-sync.external-tools}) gets its own processing group, named
 * after the tool: the pooled processor, token, dead letters, sequencing and position guard of the
 * in-process tools (ProcessingConfiguration registers them for these names too), with a handler that
 * publishes the tool's view through the {@link ToolPublisher}. The broker is connected on first use.
 */
@Configuration(proxyBeanMethods = false)
class ExternalToolsConfiguration {

    @Bean(destroyMethod = "close")
    RabbitToolPublisher toolPublisher(ProjectionSettings settings) {
        return new RabbitToolPublisher(
                settings.broker().uri(), settings.broker().confirmTimeout());
    }

    @Bean
    ConfigurerModule externalToolHandlers(
            ProjectionSettings settings, ToolPublisher publisher, ObjectProvider<MeterRegistry> meters) {
        return configurer -> settings.externalTools().forEach((name, tool) -> {
            ExternalToolPublishing handler = new ExternalToolPublishing(name, tool, publisher, meters.getObject());
            configurer
                    .eventProcessing()
                    .registerEventHandler(config -> handler)
                    .assignHandlerInstancesMatching(name, candidate -> candidate == handler);
        });
    }
}
