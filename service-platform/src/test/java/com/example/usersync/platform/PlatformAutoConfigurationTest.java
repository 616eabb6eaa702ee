package com.example.usersync.platform;

import com.example.usersync.platform.jdbc.PostgresSessions;
import com.example.usersync.platform.security.CrossSiteRequestDocumentation;
import com.example.usersync.platform.web.BodySizeFilter;
import com.example.usersync.platform.web.CorrelationFilter;
import com.example.usersync.platform.web.DependencyDownAdvice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.error.ErrorController;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PlatformAutoConfiguration.class,
                    ErrorMvcAutoConfiguration.class,
                    WebMvcAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class,
                    JacksonAutoConfiguration.class));

    @Test
    void a_servlet_service_gets_the_shared_filters_advice_and_problem_error_page_instead_of_boots() {
        web.run(context -> {
            assertThat(context)
                    .hasSingleBean(CorrelationFilter.class)
                    .hasSingleBean(BodySizeFilter.class)
                    .hasSingleBean(DependencyDownAdvice.class)
                    .hasSingleBean(PostgresSessions.class)
                    .hasSingleBean(CrossSiteRequestDocumentation.class)
                    .hasSingleBean(ErrorController.class)
                    .doesNotHaveBean(BasicErrorController.class);
        });
    }

    @Test
    void a_body_limit_below_one_kilobyte_is_refused_at_start() {
        web.withPropertyValues("user-sync.web.max-body-size=100B")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void outside_a_web_application_only_the_database_part_applies() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PlatformAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .hasSingleBean(PostgresSessions.class)
                        .doesNotHaveBean(CorrelationFilter.class)
                        .doesNotHaveBean(ErrorController.class));
    }
}
