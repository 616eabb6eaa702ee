package com.example.usersync.platform.accesslog;

import com.example.usersync.platform.security.CurrentActor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access log over the service's own database. Its table comes from the shared migration
 * {@code db/access-log/V5__access_log.sql}, which each service lists in {@code spring.flyway.locations};
 * each service serves the log with its own controller (its API document describes it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessLogSettings.class)
public class AccessLogConfiguration {

    @Bean
    AccessLog accessLog(JdbcClient jdbc, JdbcTemplate batch, CurrentActor actors, AccessLogSettings settings) {
        return new AccessLog(jdbc, batch, actors, settings);
    }
}
