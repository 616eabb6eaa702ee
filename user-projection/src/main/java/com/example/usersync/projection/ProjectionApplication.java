package com.example.usersync.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

// The broker is connected only for declared external tools (ExternalToolsConfiguration, user-sync.broker),
// never by Boot's defaults: no connection and no health contributor for a service that has none.
@SpringBootApplication(exclude = RabbitAutoConfiguration.class)
@EnableScheduling
public class ProjectionApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
