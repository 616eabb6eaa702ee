package com.example.usersync.platform.api;

import com.example.usersync.platform.web.ProblemType;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation-specific reasons a handler refuses a request with. The API document lists them as
 * problem responses under their statuses, with an example of each; the refusals every operation can
 * give (bad input, credentials, roles, media types, a dependency down) are added to every operation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refusals {

    ProblemType[] value();
}
