package com.example.usersync.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The web behaviour both services share: correlation ids, request limits, strict JSON and problem details for every error. */
@Configuration(proxyBeanMethods = false)
@Import({
    CorrelationFilter.class,
    RequestLimits.class,
    StrictJson.class,
    StrictParameters.class,
    ProblemErrorController.class,
    DependencyDownAdvice.class
})
public class PlatformWebConfiguration {}
