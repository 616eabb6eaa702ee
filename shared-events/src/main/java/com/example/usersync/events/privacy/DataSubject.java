package com.example.usersync.events.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the id of the person whose {@link PersonalData} an object holds: the key that encrypts it.
 * Every serialized object with personal data must carry exactly one, at its top level.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DataSubject {}
