package com.example.usersync.command.console;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.platform.security.CrossSiteRequestFilter;
import com.example.usersync.platform.web.PeerService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The client of the tool-sync service's admin API: the peer of {@code user-sync.projection-service}
 * (its URL and timeouts) with the console's own account ({@code user-sync.console}).
 */
@Configuration(proxyBeanMethods = false)
class ProjectionAdminClient {

    @Bean
    ProjectionAdmin projectionAdmin(RestClient.Builder rest, UserCommandSettings settings) {
        PeerService peer = settings.projectionService();
        PeerService asConsole = new PeerService(
                peer.url(),
                settings.console().projectionUsername(),
                settings.console().projectionPassword(),
                peer.connectTimeout(),
                peer.readTimeout());
        RestClient client = asConsole
                .client(rest)
                // Body-less admin calls (retry, evict) must say who sends them: the API's CSRF rule.
                .defaultHeader(CrossSiteRequestFilter.HEADER, "user-command-console")
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
                .build()
                .createClient(ProjectionAdmin.class);
    }
}
