package com.example.usersync.events.privacy;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the personal-data codec whose key to use: the {@link DataSubject} of the object being
 * serialized (an event, an aggregate snapshot, a dead letter's payload).
 */
public final class SubjectAwareSerializer implements Serializer {

    private static final Map<Class<?>, Optional<AccessibleObject>> SUBJECT_MEMBERS = new ConcurrentHashMap<>();
    private final Serializer delegate;

    public SubjectAwareSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        String previous = PersonalDataCodec.SUBJECT.get();
        PersonalDataCodec.SUBJECT.set(subjectOf(object));
        try {
            return delegate.serialize(object, expectedRepresentation);
        } finally {
            if (previous == null) {
                PersonalDataCodec.SUBJECT.remove();
            } else {
                PersonalDataCodec.SUBJECT.set(previous);
            }
        }
    }

    static String subjectOf(Object object) {
        if (object == null) {
            return null;
        }
        return SUBJECT_MEMBERS
                .computeIfAbsent(object.getClass(), SubjectAwareSerializer::subjectMember)
                .map(member -> read(member, object))
                .map(Object::toString)
                .orElse(null);
    }

    private static Optional<AccessibleObject> subjectMember(Class<?> type) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(DataSubject.class)) {
                    return Optional.of(component.getAccessor());
                }
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(DataSubject.class)) {
                    field.setAccessible(true);
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    private static Object read(AccessibleObject member, Object object) {
        try {
            if (member instanceof Field field) {
                return field.get(object);
            }
            java.lang.reflect.Method accessor = (java.lang.reflect.Method) member;
            accessor.setAccessible(true);
            return accessor.invoke(object);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot read the data subject of " + object.getClass().getSimpleName(), e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return delegate.deserialize(serializedObject);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectAwareSerializer that && delegate.equals(that.delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }
}
