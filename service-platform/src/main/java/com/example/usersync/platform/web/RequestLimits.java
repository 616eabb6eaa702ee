package com.example.usersync.platform.web;

import jakarta.validation.constraints.NotNull;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What a request may weigh before the application reads it: bodies are capped (these APIs take
 * small JSON documents), and what Tomcat refuses on its own is answered as a problem detail too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimits.Properties.class)
class RequestLimits {

    /** @param maxBodySize the largest request body read; larger ones get 413 before any parsing */
    @Validated
    @ConfigurationProperties("user-sync.web")
    record Properties(@NotNull DataSize maxBodySize) {
        Properties {
            if (maxBodySize == null) {
                maxBodySize = DataSize.ofKilobytes(64);
            }
            if (maxBodySize.toBytes() < 1024) {
                throw new IllegalArgumentException(
                        "user-sync.web.max-body-size must be at least 1KB, not " + maxBodySize);
            }
        }
    }

    @Bean
    BodySizeFilter bodySizeFilter(Properties properties) {
        return new BodySizeFilter(properties.maxBodySize().toBytes());
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
        });
    }
}
