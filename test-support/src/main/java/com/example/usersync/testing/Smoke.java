package com.example.usersync.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an end-to-end test as part of the smoke set: the scenarios that also run on the embedded H2
 * default (see {@link SmokeOnly}). Every test of a suite runs on PostgreSQL, the production database.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Smoke {}
