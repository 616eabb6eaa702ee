package com.example.usersync.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The user service's API as this service uses it, authenticated as its tool-service account. */
@Component
public class UserServiceClient {

    private final RestClient client;

    UserServiceClient(RestClient.Builder rest,
                      @Value("${user-sync.user-service.url}") String url,
                      @Value("${user-sync.user-service.username}") String username,
                      @Value("${user-sync.user-service.password}") String password) {
        this.client = rest.baseUrl(url).defaultHeaders(headers -> headers.setBasicAuth(username, password)).build();
    }

    /** Delivers an erasure receipt; throws when the user service did not acknowledge it. */
    public void confirmErasure(UUID userId, String tool, String deletionEventId, String erasedAt) {
        client.post().uri("/api/erasures/{userId}/confirmations", userId)
                .body(Map.of("tool", tool, "deletionEventId", deletionEventId, "erasedAt", erasedAt))
                .retrieve()
                .toBodilessEntity();
    }

    /** The start position of the latest completed snapshot run, if there is one. */
    public Optional<Long> latestSnapshotRunStart() {
        return Optional.ofNullable(client.get().uri("/api/admin/snapshot-runs/latest-completed")
                .exchange((request, response) -> response.getStatusCode().value() == 404 ? null
                        : response.bodyTo(JsonNode.class).get("startPosition").asLong()));
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
