package com.example.usersync.command.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * How long a call to the tool-sync service may take ({@code user-sync.projection-service}): a
 * projection that is down or hung makes an export partial ({@code toolsComplete: false}) within
 * these bounds instead of holding the request forever.
 */
@ConfigurationProperties("user-sync.projection-service")
public record ProjectionServiceTimeouts(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout) {

    public ProjectionServiceTimeouts {
        if (!positive(connectTimeout) || !positive(readTimeout)) {
            throw new IllegalArgumentException(
                    "user-sync.projection-service.connect-timeout and read-timeout must be positive durations");
        }
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    /** A request factory that gives up connecting after the connect timeout and waiting for an answer after the read timeout. */
    public ClientHttpRequestFactory requestFactory() {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                // HTTP/1.1: the services speak nothing else; no h2c upgrade attempt on every new connection.
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build());
        requests.setReadTimeout(readTimeout);
        return requests;
    }
}
