package com.example.usersync.projection.external;

import com.example.usersync.projection.config.ProjectionSettings;
import com.example.usersync.projection.processing.ProcessorErrors;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every declared external tool ({@code user-sync.external-tools}) gets its own processing group, named
 * after the tool: the pooled processor, token, dead letters, sequencing and position guard of the
 * in-process tools (ProcessingConfiguration registers them for these names too), with a handler that
 * publishes the tool's view through the {@link ToolPublisher}. The broker is connected on first use.
 */
@Configuration(proxyBeanMethods = false)
class ExternalToolsConfiguration {

    @Bean(destroyMethod = "close")
    ToolPublisher toolPublisher(ProjectionSettings settings) {
        ProjectionSettings.Broker broker = settings.broker();
        return switch (broker.type()) {
            case RABBITMQ -> new RabbitToolPublisher(broker.uri(), broker.confirmTimeout());
            case KAFKA -> new KafkaToolPublisher(broker.kafka(), broker.confirmTimeout());
        };
    }

    @Bean
    ExternalToolHandlers externalToolHandlers(
            ProjectionSettings settings, ToolPublisher publisher, ObjectProvider<MeterRegistry> meters) {
        Map<String, ExternalToolPublishing> handlers = new TreeMap<>();
        settings.externalTools()
                .forEach((name, tool) ->
                        handlers.put(name, new ExternalToolPublishing(name, tool, publisher, meters.getObject())));
        return new ExternalToolHandlers(handlers);
    }

    @Bean
    ConfigurerModule externalToolProcessing(ExternalToolHandlers handlers) {
        return configurer -> handlers.all()
                .forEach((name, handler) -> configurer
                        .eventProcessing()
                        .registerEventHandler(config -> handler)
                        .assignHandlerInstancesMatching(name, candidate -> candidate == handler));
    }

    /** Every external tool's handler, by tool; a tool whose publishing fails says why in its processor's status. */
    record ExternalToolHandlers(Map<String, ExternalToolPublishing> all) implements ProcessorErrors {

        @Override
        public Optional<String> lastError(String tool) {
            return Optional.ofNullable(all.get(tool)).map(ExternalToolPublishing::lastFailure);
        }
    }
}
