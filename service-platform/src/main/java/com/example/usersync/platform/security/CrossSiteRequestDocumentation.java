package com.example.usersync.platform.security;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description tells clients that body-less state changes need the {@value CrossSiteRequestFilter#HEADER} header. */
@Configuration(proxyBeanMethods = false)
public class CrossSiteRequestDocumentation {

    @Bean
    OpenApiCustomizer requestedByHeader() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths()
                    .values()
                    .forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                        if (method != PathItem.HttpMethod.GET
                                && method != PathItem.HttpMethod.HEAD
                                && method != PathItem.HttpMethod.OPTIONS
                                && operation.getRequestBody() == null) {
                            require(operation);
                        }
                    }));
        };
    }

    private static void require(Operation operation) {
        operation.addParametersItem(new HeaderParameter()
                .name(CrossSiteRequestFilter.HEADER)
                .required(true)
                .description("Any value; CSRF defence: state-changing requests without a JSON body need it.")
                .schema(new StringSchema())
                .example("cli"));
    }
}
