package com.example.usersync.command.console;

import com.example.usersync.command.audit.EventLogEntry;
import com.example.usersync.events.MetadataKeys;
import com.example.usersync.logging.Redacted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's history as the auditor reads it: per event its metadata, what changed against the
 * previous event (fat events restate the whole state, so the diff is of the flattened payloads),
 * the event that caused it when that event is in the same history, and the events it caused.
 */
final class Timeline {

    /** One field that changed; {@code before} null for a field the previous event did not have. */
    record Change(String field, String before, String after) {
        /** The values may be an email or a name. */
        @Override
        public String toString() {
            return Redacted.toString(this, "before", "after");
        }
    }

    record Row(
            String eventId,
            String type,
            long version,
            Instant time,
            String actor,
            String sourceService,
            String correlationId,
            String causationId,
            boolean causedByEventHere,
            List<Change> changes,
            List<String> caused,
            boolean personalDataErased) {}

    private Timeline() {}

    static List<Row> of(List<EventLogEntry> history, ObjectMapper json) {
        Set<String> eventIds = new TreeSet<>();
        Map<String, List<String>> effects = new LinkedHashMap<>();
        for (EventLogEntry entry : history) {
            eventIds.add(entry.eventId());
            String cause = meta(entry, MetadataKeys.CAUSATION_ID);
            if (cause != null) {
                effects.computeIfAbsent(cause, any -> new ArrayList<>()).add(entry.eventId());
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<String, String> previous = Map.of();
        for (EventLogEntry entry : history) {
            Map<String, String> fields = flatten(json.valueToTree(entry.payload()));
            String cause = meta(entry, MetadataKeys.CAUSATION_ID);
            rows.add(new Row(
                    entry.eventId(),
                    entry.type(),
                    entry.version(),
                    entry.timestamp(),
                    meta(entry, MetadataKeys.ACTOR),
                    meta(entry, MetadataKeys.SOURCE_SERVICE),
                    meta(entry, MetadataKeys.CORRELATION_ID),
                    cause,
                    cause != null && eventIds.contains(cause),
                    diff(previous, fields),
                    effects.getOrDefault(entry.eventId(), List.of()),
                    entry.personalDataErased()));
            previous = fields;
        }
        return rows;
    }

    /** Fields that differ, in the order of the newer payload; fields the newer one dropped last. */
    static List<Change> diff(Map<String, String> before, Map<String, String> after) {
        List<Change> changes = new ArrayList<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                changes.add(new Change(field, before.get(field), value));
            }
        });
        before.forEach((field, value) -> {
            if (!after.containsKey(field)) {
                changes.add(new Change(field, value, null));
            }
        });
        return changes;
    }

    /** {@code profile.email} → value; arrays as one value ({@code [billing, mailing]}); the user id is the page's. */
    static Map<String, String> flatten(JsonNode payload) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", payload, fields);
        fields.remove("userId");
        return fields;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> children = node.fields();
            while (children.hasNext()) {
                Map.Entry<String, JsonNode> child = children.next();
                flatten(prefix.isEmpty() ? child.getKey() : prefix + "." + child.getKey(), child.getValue(), into);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            into.put(prefix, items.toString());
        } else {
            into.put(prefix, node.isNull() ? null : node.asText());
        }
    }

    private static String meta(EventLogEntry entry, String key) {
        Object value = entry.metadata().get(key);
        return value == null ? null : value.toString();
    }
}
