package com.example.usersync.logging;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code toString()} for records that carry personal data: the record's usual form, with the named
 * components shown as {@value #MASK}. Frameworks log such records at DEBUG (request and response
 * bodies, commands, events); they then show which user and version, never whose email or name.
 */
public final class Redacted {

    public static final String MASK = "<redacted>";

    private Redacted() {}

    /** @param personal the components that hold personal data; a null value still shows as null */
    public static String toString(Record record, String... personal) {
        Set<String> masked = Set.of(personal);
        StringJoiner text = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = value(record, component);
            text.add(
                    component.getName() + "=" + (value != null && masked.contains(component.getName()) ? MASK : value));
        }
        return text.toString();
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
        }
    }
}
