package com.example.usersync.platform.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * A service's basic-auth accounts ({@code user-sync.security.accounts}); passwords in Spring's
 * {@code {id}hash} format, e.g. {@code {bcrypt}...}. {@code tool} (optional) names the tool an
 * account belongs to: in the user service it may confirm that tool's erasures ({@link CallerTool}),
 * elsewhere it grants nothing, so one account list can serve both services.
 */
@Validated
@ConfigurationProperties("user-sync.security")
public record Accounts(@Valid List<Account> accounts) {

    /** None when JWTs alone are used (outside dev there is no default list). */
    public Accounts {
        accounts = accounts == null ? List.of() : accounts;
    }

    public record Account(@NotBlank String name, @NotBlank String password, List<String> roles, String tool) {

        public Account {
            roles = roles == null ? List.of() : roles;
        }

        /** Without the password hash (frameworks log bound properties at DEBUG). */
        @Override
        public String toString() {
            return "Account[name=" + name + ", password=" + (password == null ? null : "[redacted]") + ", roles="
                    + roles + ", tool=" + tool + "]";
        }
    }
}
