package com.example.usersync.command.user;

import com.example.usersync.events.MetadataKeys;
import com.example.usersync.platform.security.CurrentActor;
import com.example.usersync.platform.web.CorrelationFilter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Map;
import java.util.UUID;

/**
 * Sends commands with the metadata every resulting event must carry: the request's correlation id,
 * the acting caller and this service's name. Axon's correlation data providers copy them onto the
 * events and add the causation id.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final CurrentActor actor;
    private final String sourceService;

    CommandSender(
            CommandGateway gateway, CurrentActor actor, @Value("${spring.application.name}") String sourceService) {
        this.gateway = gateway;
        this.actor = actor;
        this.sourceService = sourceService;
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
        return gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    private static String correlationId() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object id = request == null
                ? null
                : request.getAttribute(CorrelationFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return id != null ? id.toString() : UUID.randomUUID().toString();
    }
}
