package com.example.usersync.system;

import com.example.usersync.client.command.ApiClient;
import com.example.usersync.client.command.ErasuresApi;
import com.example.usersync.client.command.UsersApi;
import com.example.usersync.client.command.model.Erasure;
import com.example.usersync.client.command.model.ErasureConfirmation;
import com.example.usersync.client.command.model.Problem;
import com.example.usersync.client.command.model.ProfileChange;
import com.example.usersync.client.command.model.User;
import com.example.usersync.client.command.model.UserDeletion;
import com.example.usersync.client.command.model.UserRegistration;
import com.example.usersync.client.command.model.UserVersion;
import com.example.usersync.testing.Smoke;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The user service driven only through the Java client generated at build time from the committed
 * document {@code docs/openapi/user-command.yaml}: proves that a client built from the contract
 * alone can run the whole life of a user, erasure receipts from the real tools included.
 * Subclasses pick the databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GeneratedClientEndToEndTest {

    private SyncSystem system;
    private UsersApi admin;
    private ErasuresApi auditor;

    abstract SyncSystem.Databases databases();

    @BeforeAll
    void startSystem() {
        system = new SyncSystem(databases());
        system.startProjection(Map.of());
        admin = new UsersApi(client("admin", "dev-admin"));
        auditor = new ErasuresApi(client("auditor", "dev-auditor"));
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    /** Authenticated through the client's own basicAuth scheme, as the document declares it. */
    private ApiClient client(String account, String password) {
        ApiClient client = new ApiClient();
        client.setBasePath(system.usersUrl());
        client.setUsername(account);
        client.setPassword(password);
        return client;
    }

    private UserRegistration registration(String displayName) {
        return new UserRegistration()
                .email(UUID.randomUUID() + "@example.com")
                .displayName(displayName)
                .locale("fr-CH")
                .plan(UserRegistration.PlanEnum.TEAM)
                .tools(system.toolNames());
    }

    @Smoke
    @Test
    void aUserRegisteredReadChangedUnderIfMatchAndDeletedIsErasedByEveryTool() {
        ResponseEntity<UserVersion> registered = admin.registerUserWithHttpInfo(registration("Generated Client"));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        UUID id = registered.getBody().getId();
        assertThat(registered.getHeaders().getLocation()).hasToString(system.usersUrl() + "/api/users/" + id);

        ResponseEntity<User> read = admin.getUserWithHttpInfo(id);
        assertThat(read.getBody().getDisplayName()).isEqualTo("Generated Client");
        assertThat(read.getHeaders().getETag()).isEqualTo("\"" + read.getBody().getVersion() + "\"");

        ResponseEntity<UserVersion> changed = admin.changeProfileWithHttpInfo(
                id,
                new ProfileChange().displayName("Renamed By Client"),
                read.getHeaders().getETag());
        assertThat(changed.getBody().getVersion()).isEqualTo(read.getBody().getVersion() + 1);
        assertThat(admin.getUser(id).getDisplayName()).isEqualTo("Renamed By Client");

        ResponseEntity<UserVersion> deleted = admin.deleteUserWithHttpInfo(
                id,
                new UserDeletion()
                        .reason(UserDeletion.ReasonEnum.DATA_SUBJECT_REQUEST)
                        .requestedBy(UserDeletion.RequestedByEnum.DATA_SUBJECT),
                changed.getHeaders().getETag());
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Erasure erasure = auditor.getErasure(id);
                    assertThat(erasure.getRequiredTools()).containsExactlyInAnyOrderElementsOf(system.toolNames());
                    assertThat(erasure.getConfirmations())
                            .extracting(ErasureConfirmation::getTool)
                            .containsExactlyInAnyOrderElementsOf(erasure.getRequiredTools());
                    assertThat(erasure.getPendingTools()).isEmpty();
                    assertThat(erasure.getComplete()).isTrue();
                });
    }

    @Test
    void aStaleIfMatchIsRefusedAsATypedPreconditionFailedProblemAndChangesNothing() {
        UUID id = admin.registerUser(registration("Stale Reader")).getId();
        String stale = admin.getUserWithHttpInfo(id).getHeaders().getETag();
        admin.changeProfile(id, new ProfileChange().locale("it"), stale);

        HttpClientErrorException refused = catchThrowableOfType(
                HttpClientErrorException.class,
                () -> admin.changeProfile(id, new ProfileChange().displayName("Lost Update"), stale));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        Problem problem = refused.getResponseBodyAs(Problem.class);
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.URN_USER_SYNC_PROBLEM_STALE_VERSION);
        assertThat(problem.getStatus()).isEqualTo(412);
        assertThat(problem.getCurrentVersion()).isEqualTo(1L);
        User unchanged = admin.getUser(id);
        assertThat(unchanged.getDisplayName()).isEqualTo("Stale Reader");
        assertThat(unchanged.getVersion()).isEqualTo(1L);
    }
}
