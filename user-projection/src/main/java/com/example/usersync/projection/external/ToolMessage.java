package com.example.usersync.projection.external;

import java.util.Map;

/**
 * One message for an external tool, whatever the broker.
 *
 * @param messageId  the event's id: consumers dedupe redeliveries by it
 * @param routingKey the partition of the event's user: one user's events share it, in version order
 * @param headers    type, revision, user version, global position, correlation and causation ids, timestamp
 * @param body       the tool's minimised view as JSON
 */
public record ToolMessage(String messageId, String routingKey, Map<String, Object> headers, byte[] body) {}
