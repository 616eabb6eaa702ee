package com.example.usersync.command.user;

import com.example.usersync.events.MetadataKeys;
import com.example.usersync.platform.security.CurrentActor;
import com.example.usersync.platform.web.CorrelationFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Sends commands with the metadata every resulting event must carry: the request's correlation id,
 * the acting caller and this service's name. Axon's correlation data providers copy them onto the
 * events and add the causation id. Times each command for operators ({@value #LATENCY}, tagged with the
 * command's type and whether it succeeded, was rejected or failed; never anything about the user).
 */
@Component
public class CommandSender {

    /** Micrometer's name; Prometheus shows {@code user_sync_command_latency_seconds}. */
    public static final String LATENCY = "user.sync.command.latency";

    private final CommandGateway gateway;
    private final CurrentActor actor;
    private final String sourceService;
    private final MeterRegistry meters;
    private final Clock clock;

    CommandSender(
            CommandGateway gateway,
            CurrentActor actor,
            @Value("${spring.application.name}") String sourceService,
            MeterRegistry meters,
            Clock clock) {
        this.gateway = gateway;
        this.actor = actor;
        this.sourceService = sourceService;
        this.meters = meters;
        this.clock = clock;
    }

    public <R> R send(Object command) {
        return sendAs(command, actor.id());
    }

    /** For work that runs outside a request, on behalf of whoever started it. */
    public <R> R sendAs(Object command, String actorId) {
        MetaData metaData = MetaData.from(Map.of(
                MetadataKeys.CORRELATION_ID, correlationId(),
                MetadataKeys.ACTOR, actorId,
                MetadataKeys.SOURCE_SERVICE, sourceService));
        Instant start = clock.instant();
        String outcome = "failed";
        try {
            R result = gateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            outcome = "success";
            return result;
        } catch (UserRejected | AggregateNotFoundException | ConcurrencyException refused) {
            outcome = "rejected";
            throw refused;
        } finally {
            latency(command, outcome).record(Duration.between(start, clock.instant()));
        }
    }

    /**
     * Tagged with the command's class name (one of this package's command records: bounded) and the
     * outcome: {@code success}, {@code rejected} (refused as the API's 404/409/410/412 are) or
     * {@code failed} (anything else, e.g. a database that is down).
     */
    private Timer latency(Object command, String outcome) {
        return Timer.builder(LATENCY)
                .description("Time from sending a command to its result, by command type and outcome")
                .tag("command", command.getClass().getSimpleName())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }

    private static String correlationId() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object id = request == null
                ? null
                : request.getAttribute(CorrelationFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return id != null ? id.toString() : UUID.randomUUID().toString();
    }
}
