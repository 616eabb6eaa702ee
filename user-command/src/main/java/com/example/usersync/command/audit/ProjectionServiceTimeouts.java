package com.example.usersync.command.audit;

import com.example.usersync.platform.web.PeerTimeouts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.client.ClientHttpRequestFactory;

import java.time.Duration;

/**
 * How long a call to the tool-sync service may take ({@code user-sync.projection-service}): a
 * projection that is down or hung makes an export partial ({@code toolsComplete: false}) within
 * these bounds instead of holding the request forever.
 */
@ConfigurationProperties("user-sync.projection-service")
public record ProjectionServiceTimeouts(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout) {

    public ProjectionServiceTimeouts {
        PeerTimeouts.check("user-sync.projection-service", connectTimeout, readTimeout);
    }

    /** A request factory that gives up connecting after the connect timeout and waiting for an answer after the read timeout. */
    public ClientHttpRequestFactory requestFactory() {
        return PeerTimeouts.requestFactory(connectTimeout, readTimeout);
    }
}
