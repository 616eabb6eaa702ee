package com.example.usersync.projection.processing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sync latency per tool: from an event's timestamp (when the user service appended it) to the commit
 * of the tool's transaction that applied it, read-model row and token together. Recorded after the
 * commit, so a rolled-back batch records nothing and its retry records once. A replay's events (a reset,
 * or a new tool's first run) are not recorded: their age says nothing about how fast tools follow.
 * An event whose handler failed is dead-lettered in that same transaction and counts too: the tool's
 * dead-letter gauge tells those apart. The two services' clocks must agree (NTP) for this to mean much.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingMetrics {

    /** Prometheus: {@code user_sync_tool_sync_latency_seconds} (a histogram), tagged {@code tool}. */
    static final String SYNC_LATENCY = "user.sync.tool.sync.latency";

    @Bean
    ConfigurerModule toolSyncLatency(
            ProcessingGroups tools, ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock) {
        return configurer -> {
            for (String tool : tools.names()) {
                configurer
                        .eventProcessing()
                        .registerHandlerInterceptor(
                                tool,
                                config -> new SyncLatency(
                                        Timer.builder(SYNC_LATENCY)
                                                .description(
                                                        "Time from an event's append to the commit of the tool's transaction that applied it")
                                                .tag("tool", tool)
                                                .publishPercentileHistogram()
                                                .maximumExpectedValue(Duration.ofMinutes(10))
                                                .register(meters.getObject()),
                                        clock.getObject()));
            }
        };
    }

    /** One per tool processor. */
    record SyncLatency(Timer timer, Clock clock) implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            EventMessage<?> event = unitOfWork.getMessage();
            if (!ReplayToken.isReplay(event)) {
                Instant appended = event.getTimestamp();
                unitOfWork.afterCommit(committed -> {
                    Duration latency = Duration.between(appended, clock.instant());
                    timer.record(latency.isNegative() ? Duration.ZERO : latency);
                });
            }
            return chain.proceed();
        }
    }
}
