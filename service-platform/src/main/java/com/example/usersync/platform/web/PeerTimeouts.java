package com.example.usersync.platform.web;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The connect and read timeouts of a client of the other service: checked once, turned into a
 * request factory that gives up connecting after the one and waiting for an answer after the other.
 */
public final class PeerTimeouts {

    private PeerTimeouts() {}

    /** Refuses the settings under {@code prefix} unless both timeouts are positive. */
    public static void check(String prefix, Duration connectTimeout, Duration readTimeout) {
        if (!positive(connectTimeout) || !positive(readTimeout)) {
            throw new IllegalArgumentException(prefix + ".connect-timeout and read-timeout must be positive durations");
        }
    }

    public static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                // HTTP/1.1: the services speak nothing else; no h2c upgrade attempt on every new connection.
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(connectTimeout)
                        .build());
        requests.setReadTimeout(readTimeout);
        return requests;
    }

    static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
