package com.example.usersync.events.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.util.List;

/**
 * Every upcaster of the event contract, in the order they apply. Both services register each of
 * them with Axon (service-platform), so every stored revision reads as today's record wherever
 * events are read: aggregates, processors, the audit log.
 */
public final class EventUpcasters {

    private EventUpcasters() {}

    public static List<EventUpcaster> all() {
        return List.of(new UserErasureConfirmedReceivedAt());
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(all());
    }
}
