package com.example.usersync.projection.config;

import jakarta.validation.Validation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binds {@link ProjectionSettings} and offers each concern's part of it to the classes that read only
 * that part; the schedules name these beans in expressions (e.g.
 * {@code #{@erasureSettings.receiptInterval().toMillis()}}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionSettings.class)
class ProjectionSettingsConfiguration {

    /**
     * Checks each part of the settings where it is bound, so a refusal names the setting as it is
     * written ({@code user-sync.dead-letters}, {@code maxAttempts}), not as a Java path from the root
     * ({@code user-sync}, {@code deadLetters.maxAttempts}). Spring Boot asks the bean of this name
     * about every settings object it binds; this one answers only for the parts of ProjectionSettings.
     */
    @Bean
    static Validator configurationPropertiesValidator() {
        SpringValidatorAdapter parts = new SpringValidatorAdapter(Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new MessageInterpolatorFactory().getObject())
                .buildValidatorFactory()
                .getValidator());
        return new Validator() {
            @Override
            public boolean supports(Class<?> type) {
                return type.getEnclosingClass() == ProjectionSettings.class;
            }

            @Override
            public void validate(Object target, Errors errors) {
                parts.validate(target, errors);
            }
        };
    }

    @Bean
    ProjectionSettings.EventStore eventStoreSettings(ProjectionSettings settings) {
        return settings.eventStore();
    }

    @Bean
    ProjectionSettings.UserService userServiceSettings(ProjectionSettings settings) {
        return settings.userService();
    }

    @Bean
    ProjectionSettings.Erasure erasureSettings(ProjectionSettings settings) {
        return settings.erasure();
    }

    @Bean
    ProjectionSettings.Reconciliation reconciliationSettings(ProjectionSettings settings) {
        return settings.reconciliation();
    }

    @Bean
    ProjectionSettings.DeadLetters deadLetterSettings(ProjectionSettings settings) {
        return settings.deadLetters();
    }

    @Bean
    ProjectionSettings.PositionGuard positionGuardSettings(ProjectionSettings settings) {
        return settings.positionGuard();
    }
}
