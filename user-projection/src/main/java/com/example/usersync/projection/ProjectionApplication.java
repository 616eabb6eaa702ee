package com.example.usersync.projection;

import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

// No JPA here (see the pom); excluded explicitly so a JPA jar on the classpath changes nothing.
@SpringBootApplication(
        exclude = {HibernateJpaAutoConfiguration.class, JpaAutoConfiguration.class, JpaEventStoreAutoConfiguration.class},
        excludeName = "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration")
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
