package com.example.usersync.projection;

import com.example.usersync.platform.startup.StartupSettings;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.util.Map;

/**
 * Where the user service is and the accounts this service calls it with ({@code user-sync.user-service};
 * its timeouts are {@link UserServiceTimeouts}). Checked at start: the URL must be an absolute http(s)
 * URL; outside dev, {@link StartupSettings} also demands the accounts.
 *
 * @param url      the user service's base URL
 * @param username the shared tool-service account (bulk reads: reconciliation, snapshot runs)
 * @param password its password
 * @param tools    each tool's own account, by tool name (erasure receipts)
 */
@Validated
@ConfigurationProperties("user-sync.user-service")
public record UserServiceSettings(@NotNull URI url, String username, String password,
                                  Map<String, UserServiceClient.ToolAccount> tools) {

    public UserServiceSettings {
        tools = tools == null ? Map.of() : Map.copyOf(tools);
    }

    @AssertTrue(message = "url must be an absolute http or https URL, e.g. http://user-command:8080")
    public boolean isUrlHttp() {
        return url == null || url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
    }

    /** Without the passwords. */
    @Override
    public String toString() {
        return "UserServiceSettings[url=" + url + ", username=" + username + ", password="
                + (password == null ? null : "[redacted]") + ", tools=" + tools + "]";
    }
}
