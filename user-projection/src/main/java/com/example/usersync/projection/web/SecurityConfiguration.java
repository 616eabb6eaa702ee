package com.example.usersync.projection.web;

import com.example.usersync.platform.security.AccessRules;
import com.example.usersync.platform.security.PlatformSecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

import static com.example.usersync.platform.security.Roles.AUDITOR;
import static com.example.usersync.platform.security.Roles.OPERATOR;

/**
 * Health and the API documents (OpenAPI, and the external tools' AsyncAPI) are open. Operators run processors, replays and dead letters; operators and auditors may
 * read what the tools hold. Accounts, JWTs, throttling and cross-site refusals are the chain both
 * services share ({@link PlatformSecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Who may call what; the API document names each operation's roles from these rules. */
    @Bean
    static AccessRules accessRules() {
        return AccessRules.withPublicPlatformEndpoints()
                .open("/asyncapi.json")
                .allow(List.of("/actuator/**", "/api/admin/**"), OPERATOR)
                .allow(HttpMethod.GET, List.of("/api/tools", "/api/tools/**"), OPERATOR, AUDITOR)
                .allow(HttpMethod.GET, List.of("/api/access-log"), AUDITOR);
    }
}
