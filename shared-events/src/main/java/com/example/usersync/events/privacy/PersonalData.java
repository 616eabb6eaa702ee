package com.example.usersync.events.privacy;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a string as personal data. Wherever it is serialized (events, aggregate snapshots, dead
 * letters) it is encrypted with its data subject's key; once that key is destroyed every reader
 * gets {@link #ERASED} instead.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = PersonalDataCodec.Encrypting.class)
@JsonDeserialize(using = PersonalDataCodec.Decrypting.class)
public @interface PersonalData {

    /** What readers see once the subject's key is destroyed. Projections never store it. */
    String ERASED = "[erased]";
}
