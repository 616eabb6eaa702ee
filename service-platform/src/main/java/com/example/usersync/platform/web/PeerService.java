package com.example.usersync.platform.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;

/**
 * The other service as one of these services calls it: where it is, the account to call it with and how
 * long a call may take (a peer that is down or hung fails the call within the timeouts instead of holding a
 * thread forever). A settings tree nests it under the peer's name ({@code user-sync.user-service},
 * {@code user-sync.projection-service}); outside dev the start-up checks demand the account.
 *
 * @param url            the peer's base URL, absolute http(s)
 * @param username       the account this service calls with
 * @param password       its password
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer
 */
public record PeerService(
        @NotNull URI url,
        String username,
        String password,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

    public PeerService {
        if (!PeerTimeouts.positive(connectTimeout) || !PeerTimeouts.positive(readTimeout)) {
            throw new IllegalArgumentException("connect-timeout and read-timeout must be positive durations");
        }
    }

    @AssertTrue(message = "url must be an absolute http or https URL, e.g. http://user-command:8080")
    public boolean isUrlHttp() {
        return url == null
                || url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
    }

    /** Gives up connecting after the connect timeout and waiting for an answer after the read timeout. */
    public ClientHttpRequestFactory requestFactory() {
        return PeerTimeouts.requestFactory(connectTimeout, readTimeout);
    }

    /** A client of the peer: its base URL, the timeouts and, when an account is set, HTTP basic. */
    public RestClient.Builder client(RestClient.Builder builder) {
        builder.baseUrl(url.toString()).requestFactory(requestFactory());
        if (username != null && !username.isBlank()) {
            builder.defaultHeaders(headers -> headers.setBasicAuth(username, password == null ? "" : password));
        }
        return builder;
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "PeerService[url=" + url + ", username=" + username + ", password="
                + (password == null ? null : "[redacted]") + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + "]";
    }
}
