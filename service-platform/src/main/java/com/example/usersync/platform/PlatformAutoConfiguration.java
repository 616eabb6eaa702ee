package com.example.usersync.platform;

import com.example.usersync.platform.api.ApiDocumentation;
import com.example.usersync.platform.jdbc.TersePostgresErrors;
import com.example.usersync.platform.security.CrossSiteRequestDocumentation;
import com.example.usersync.platform.web.PlatformWebConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What both services share, wired into each by Spring Boot. Before {@link ErrorMvcAutoConfiguration}:
 * its {@code BasicErrorController} backs off only if our error controller is already defined.
 * The security filters ({@code platform.security}) are placed in each service's filter chain by its
 * own security configuration; the start-up checks ({@code platform.startup}) are called by its
 * environment post-processor.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
public class PlatformAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(PlatformWebConfiguration.class)
    static class Web {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    @Import({ApiDocumentation.class, CrossSiteRequestDocumentation.class})
    static class OpenApi {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
    @Import(TersePostgresErrors.class)
    static class Jdbc {
    }
}
