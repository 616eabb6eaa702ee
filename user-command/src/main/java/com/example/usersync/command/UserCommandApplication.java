package com.example.usersync.command;

import com.example.usersync.command.config.UserCommandSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

// Explicit scan: Axon's own JPA entities (tokens, sagas, JPA event entries) are not used here; the
// event store runs on the JDBC engine over Flyway-managed tables.
@EntityScan(basePackageClasses = UserCommandApplication.class)
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(UserCommandSettings.class)
public class UserCommandApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserCommandApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
