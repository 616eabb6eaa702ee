package com.example.usersync.platform;

import com.example.usersync.platform.accesslog.AccessLogConfiguration;
import com.example.usersync.platform.api.ApiDocumentation;
import com.example.usersync.platform.jdbc.PostgresSessions;
import com.example.usersync.platform.security.AccessRules;
import com.example.usersync.platform.security.CrossSiteRequestDocumentation;
import com.example.usersync.platform.security.PlatformSecurityConfiguration;
import com.example.usersync.platform.serialization.EventSerializationConfiguration;
import com.example.usersync.platform.web.DefaultProblemAdvice;
import com.example.usersync.platform.web.PlatformWebConfiguration;
import com.example.usersync.platform.web.ProblemHandling;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What both services share, wired into each by Spring Boot. Before {@link ErrorMvcAutoConfiguration}:
 * its {@code BasicErrorController} backs off only if our error controller is already defined; before
 * Boot's security and Axon's auto-configuration, whose filter chain, accounts and serializer back off
 * when ours are defined. The security chain ({@code platform.security}) applies the {@link AccessRules}
 * each service defines; the start-up checks ({@code platform.startup}) are called by its environment
 * post-processor.
 */
@AutoConfiguration(
        before = ErrorMvcAutoConfiguration.class,
        beforeName = {
            "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"
        })
public class PlatformAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(PlatformWebConfiguration.class)
    static class Web {

        /** Before Boot's own problem-details handler, which backs off when an advice like this one exists. */
        @Bean
        @ConditionalOnMissingBean(ProblemHandling.class)
        DefaultProblemAdvice problemAdvice() {
            return new DefaultProblemAdvice();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    @Import({ApiDocumentation.class, CrossSiteRequestDocumentation.class})
    static class OpenApi {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
    @Import(PostgresSessions.class)
    static class Jdbc {}

    /** A service that says who may call what gets the shared chain around its rules. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.JwtDecoder")
    @ConditionalOnBean(AccessRules.class)
    @Import(PlatformSecurityConfiguration.class)
    static class Security {}

    /** A service with a master key reads (and writes) events with the subject keys it unwraps. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "user-sync", name = "master-key")
    @Import(EventSerializationConfiguration.class)
    static class Serialization {}

    /** Every read of personal data through a service's API, recorded in its own database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.jdbc.core.simple.JdbcClient")
    @ConditionalOnProperty(prefix = "user-sync", name = "master-key")
    @Import(AccessLogConfiguration.class)
    static class AccessLogging {}
}
