package com.example.usersync.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The user service's API as this service uses it: bulk reads as the shared tool-service account,
 * erasure receipts as each tool's own account (the user service believes a receipt only from the
 * tool it names). Every call has connect and read timeouts, so a hung user service delays a
 * receipt (it is retried) but never blocks delivery of the others forever.
 */
@Component
@EnableConfigurationProperties({UserServiceSettings.class, UserServiceTimeouts.class})
public class UserServiceClient {

    /** A tool's own account at the user service. */
    public record ToolAccount(String username, String password) {
        /** Without the password. */
        @Override
        public String toString() {
            return "ToolAccount[username=" + username + ", password=" + (password == null ? null : "[redacted]") + "]";
        }
    }

    private final RestClient client;
    private final Map<String, ToolAccount> toolAccounts;

    UserServiceClient(RestClient.Builder rest, UserServiceSettings settings, UserServiceTimeouts timeouts) {
        this.client = rest.baseUrl(settings.url().toString()).requestFactory(timeouts.requestFactory())
                .defaultHeaders(headers -> {
                    headers.setBasicAuth(settings.username(), settings.password());
                    // The user service refuses state-changing requests that carry neither JSON nor this header (CSRF).
                    headers.set("X-Requested-By", "user-projection");
                }).build();
        this.toolAccounts = settings.tools();
    }

    /**
     * Delivers an erasure receipt as the tool's own account; throws when the user service did not
     * acknowledge it ({@link org.springframework.web.client.HttpClientErrorException} for a refusal).
     */
    public void confirmErasure(UUID userId, String tool, String deletionEventId) {
        ToolAccount account = toolAccounts.get(tool);
        if (account == null || account.username() == null || account.password() == null) {
            throw new MissingToolAccount(tool);
        }
        client.post().uri("/api/erasures/{userId}/confirmations", userId)
                .headers(headers -> headers.setBasicAuth(account.username(), account.password()))
                .body(Map.of("tool", tool, "deletionEventId", deletionEventId))
                .retrieve()
                .toBodilessEntity();
    }

    /** No account is configured for the tool: {@code user-sync.user-service.tools.<tool>.username/password}. */
    public static class MissingToolAccount extends RestClientException {
        MissingToolAccount(String tool) {
            super("No user-service account configured for tool " + tool
                    + " (user-sync.user-service.tools." + tool + ".username/password)");
        }
    }

    /**
     * The start position of the latest completed snapshot run, if there is one. Any answer but that
     * or 404 is the user service's trouble ({@link ResourceAccessException}: 503 to our caller).
     */
    public Optional<Long> latestSnapshotRunStart() {
        return client.get().uri("/api/admin/snapshot-runs/latest-completed").exchange((request, response) -> {
            if (response.getStatusCode().value() == 404) {
                return Optional.empty();
            }
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw new ResourceAccessException("The user service answered " + response.getStatusCode().value());
            }
            return Optional.of(response.bodyTo(JsonNode.class).required("startPosition").asLong());
        });
    }

    /** One page of the user service's checksum listing (id, version, status, hash), after the given id. */
    public JsonNode checksums(String after) {
        return client.get().uri(uri -> uri.path("/api/users/checksums").queryParamIfPresent("after", Optional.ofNullable(after))
                .queryParam("limit", 1000).build()).retrieve().body(JsonNode.class);
    }

    /** The users with these ids (at most 200), erased ones without personal data. */
    public JsonNode users(java.util.List<UUID> ids) {
        String joined = String.join(",", ids.stream().map(UUID::toString).toList());
        return client.get().uri(uri -> uri.path("/api/users").queryParam("ids", joined).build())
                .retrieve().body(JsonNode.class).get("items");
    }
}
