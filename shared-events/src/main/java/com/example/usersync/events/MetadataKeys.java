package com.example.usersync.events;

/**
 * Names of the metadata every event carries. Values are always strings (Axon's Jackson metadata
 * deserializer would turn anything richer into maps) and never hold personal data.
 */
public final class MetadataKeys {

    /** The id of the request that started it all; shared by every message it led to. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that directly caused this one (for command-produced events: the command). */
    public static final String CAUSATION_ID = "causationId";
    /** Who asked for the change: the authenticated caller's id, never a name or an email. */
    public static final String ACTOR = "actor";
    /** The service that appended the event. */
    public static final String SOURCE_SERVICE = "sourceService";

    private MetadataKeys() {}
}
