package com.example.usersync.projection.userservice;

import com.example.usersync.events.user.Plan;
import com.example.usersync.logging.Redacted;
import com.example.usersync.projection.config.ProjectionSettings;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import java.time.Instant;
import java.util.List;
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
public class UserServiceClient {

    /** One page of the checksum listing, by id; the next page starts after {@code nextCursor} (null: last page). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChecksumPage(List<Checksum> items, String nextCursor) {}

    /**
     * What reconciliation compares of one user. The listing's {@code hash} covers the user's whole
     * content (profile and access), more than any tool holds, so no tool row can be compared with
     * it: it is not read.
     *
     * @param tools           a live user's entitlements; null for an erased user
     * @param deletionEventId an erased user's deletion event; null for a live user
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checksum(UUID id, long version, String status, List<String> tools, String deletionEventId) {

        public boolean erased() {
            return "ERASED".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BulkUserPage(List<BulkUser> items) {}

    /** A user as bulk reads show it: {@code user} is null once erased. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BulkUser(UUID id, long version, String status, User user) {}

    /** Personal data: never logged. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(
            UUID id,
            long version,
            String email,
            String displayName,
            String locale,
            String timeZone,
            Plan plan,
            List<String> tools,
            Instant updatedAt) {
        @Override
        public String toString() {
            return Redacted.toString(this, "email", "displayName");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SnapshotRun(Long startPosition) {}

    record Confirmation(String tool, String deletionEventId) {}

    /** The user service's endpoints this service calls. */
    @HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
    interface Api {

        @PostExchange("/api/erasures/{userId}/confirmations")
        void confirmErasure(
                @PathVariable UUID userId,
                @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                @RequestBody Confirmation confirmation);

        @GetExchange("/api/admin/snapshot-runs/latest-completed")
        SnapshotRun latestCompletedSnapshotRun();

        @GetExchange("/api/users/checksums")
        ChecksumPage checksums(@RequestParam(required = false) String after, @RequestParam int limit);

        @GetExchange("/api/users")
        BulkUserPage users(@RequestParam String ids);
    }

    private final Api api;
    private final Map<String, ProjectionSettings.ToolAccount> toolAccounts;

    UserServiceClient(RestClient.Builder rest, ProjectionSettings.UserService settings) {
        RestClient client = settings.peer()
                .client(rest)
                // The user service refuses state-changing requests that carry neither JSON nor this header (CSRF).
                .defaultHeader("X-Requested-By", "user-projection")
                .build();
        this.api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
                .build()
                .createClient(Api.class);
        this.toolAccounts = settings.tools();
    }

    /**
     * Delivers an erasure receipt as the tool's own account; throws when the user service did not
     * acknowledge it ({@link org.springframework.web.client.HttpClientErrorException} for a refusal).
     */
    public void confirmErasure(UUID userId, String tool, String deletionEventId) {
        ProjectionSettings.ToolAccount account = toolAccounts.get(tool);
        if (account == null || account.username() == null || account.password() == null) {
            throw new MissingToolAccount(tool);
        }
        api.confirmErasure(
                userId,
                "Basic " + HttpHeaders.encodeBasicAuth(account.username(), account.password(), null),
                new Confirmation(tool, deletionEventId));
    }

    /** No account is configured for the tool: {@code user-sync.user-service.tools.<tool>.username/password}. */
    public static class MissingToolAccount extends RestClientException {
        MissingToolAccount(String tool) {
            super("No user-service account configured for tool " + tool + " (user-sync.user-service.tools." + tool
                    + ".username/password)");
        }
    }

    /**
     * The start position of the latest completed snapshot run, if there is one. Any answer but that
     * or 404 is the user service's trouble ({@link ResourceAccessException}: 503 to our caller).
     */
    public Optional<Long> latestSnapshotRunStart() {
        SnapshotRun run;
        try {
            run = api.latestCompletedSnapshotRun();
        } catch (HttpClientErrorException.NotFound none) {
            return Optional.empty();
        } catch (RestClientResponseException failed) {
            throw new ResourceAccessException(
                    "The user service answered " + failed.getStatusCode().value());
        }
        if (run == null || run.startPosition() == null) {
            throw new ResourceAccessException("The user service answered without a start position");
        }
        return Optional.of(run.startPosition());
    }

    /** One page of the user service's checksum listing (id, version, status, tools or deletion), after the given id. */
    public ChecksumPage checksums(String after) {
        return api.checksums(after, 1000);
    }

    /** The users with these ids (at most 200), erased ones without personal data. */
    public List<BulkUser> users(List<UUID> ids) {
        return api.users(String.join(",", ids.stream().map(UUID::toString).toList()))
                .items();
    }
}
