package com.example.usersync.command.audit;

import com.example.usersync.command.config.UserCommandSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** One client of the tools' copies for everything that reads them (exports, the console). */
@Configuration(proxyBeanMethods = false)
class ToolCopiesClient {

    @Bean
    ToolCopies toolCopies(RestClient.Builder rest, UserCommandSettings settings) {
        RestClient client = settings.projectionService().client(rest).build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
                .build()
                .createClient(ToolCopies.class);
    }
}
