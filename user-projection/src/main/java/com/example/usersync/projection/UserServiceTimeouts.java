package com.example.usersync.projection;

import com.example.usersync.platform.web.PeerTimeouts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.client.ClientHttpRequestFactory;

import java.time.Duration;

/**
 * How long a call to the user service may take ({@code user-sync.user-service}): a user service
 * that is down or hung fails a receipt delivery (retried), a reconciliation or a reset from a
 * snapshot run (503) within these bounds instead of holding a thread forever.
 */
@ConfigurationProperties("user-sync.user-service")
public record UserServiceTimeouts(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout) {

    public UserServiceTimeouts {
        PeerTimeouts.check("user-sync.user-service", connectTimeout, readTimeout);
    }

    /** A request factory that gives up connecting after the connect timeout and waiting for an answer after the read timeout. */
    public ClientHttpRequestFactory requestFactory() {
        return PeerTimeouts.requestFactory(connectTimeout, readTimeout);
    }
}
