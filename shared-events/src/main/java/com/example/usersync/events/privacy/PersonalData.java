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
 * gets {@code null} instead. Erasure is out of band: no value a user can type, {@code "[erased]"}
 * included, means "erased"; such a value is encrypted and read back like any other. Types that
 * need to tell say so themselves (e.g. {@code UserProfile.erased()}).
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = PersonalDataCodec.Encrypting.class)
@JsonDeserialize(using = PersonalDataCodec.Decrypting.class)
public @interface PersonalData {}
