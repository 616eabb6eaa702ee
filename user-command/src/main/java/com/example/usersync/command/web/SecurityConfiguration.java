package com.example.usersync.command.web;

import com.example.usersync.platform.security.AccessRules;
import com.example.usersync.platform.security.CallerTool;
import com.example.usersync.platform.security.PlatformSecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

import static com.example.usersync.platform.security.Roles.AUDITOR;
import static com.example.usersync.platform.security.Roles.OPERATOR;
import static com.example.usersync.platform.security.Roles.TOOL_SERVICE;
import static com.example.usersync.platform.security.Roles.USER_ADMIN;

/**
 * Health is open; everything else needs one of these roles, through the chain both services share
 * ({@link PlatformSecurityConfiguration}: accounts, JWTs, throttling, cross-site refusals). A tool's
 * own account or token also carries the tool it is ({@link CallerTool}): only that identity may
 * deliver the tool's erasure receipts, so one tool cannot confirm another's erasure.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Who may call what; the API document names each operation's roles from these rules. */
    @Bean
    static AccessRules accessRules() {
        return AccessRules.withPublicPlatformEndpoints()
                .allow(List.of("/actuator/**"), OPERATOR)
                .allow(HttpMethod.GET, List.of("/api/admin/snapshot-runs/**"), OPERATOR, TOOL_SERVICE)
                .allow(List.of("/api/admin/**"), OPERATOR)
                .allow(HttpMethod.GET, List.of("/api/users/*/events", "/api/users/*/export"), AUDITOR)
                .allow(HttpMethod.POST, List.of("/api/users/*/exports"), AUDITOR)
                .allow(HttpMethod.GET, List.of("/api/exports/*"), AUDITOR)
                .allow(HttpMethod.GET, List.of("/api/users", "/api/users/checksums"), USER_ADMIN, TOOL_SERVICE)
                .allow(List.of("/api/users", "/api/users/**"), USER_ADMIN)
                .allow(HttpMethod.POST, List.of("/api/erasures/*/confirmations"), TOOL_SERVICE)
                .allow(HttpMethod.GET, List.of("/api/erasures", "/api/erasures/*", "/api/access-log"), AUDITOR);
    }
}
