package com.example.usersync.command;

import com.example.usersync.platform.startup.StartRefused;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dev master key and dev accounts apply only on the embedded default (or the dev profile). On
 * PostgreSQL or with the prod profile, a start without real settings is refused before anything
 * connects, with a message naming the environment variables to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartOutsideDevTest {

    private static final String REAL_KEY = "q5m0tUdc8ye3kCk1yZpJ3D6S4XH3Lm8mKZr7Zb4Vn1E=";
    private static final String ADMIN_BCRYPT = "{bcrypt}$2a$04$tuCGqtbWwAoBv2PFwKVjMO9JKAOaBJWgw3J8qk4bgmeYrbo8a36N6";

    @Test
    void aStartOnPostgresqlWithoutAnySettingIsRefusedNamingEveryVariableToSet(CapturedOutput output) {
        assertThatThrownBy(() -> start(List.of(
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/never_reached",
                        "--user-sync.erasure-journal.datasource.url=jdbc:postgresql://127.0.0.1:1/never_reached")))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("USER_SYNC_MASTER_KEY is not set")
                .hasMessageContaining("USER_SYNC_SECURITY_ACCOUNTS_0_NAME")
                .hasMessageContaining("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")
                .hasMessageContaining("PROJECTION_SERVICE_USERNAME")
                .hasMessageContaining("PROJECTION_SERVICE_PASSWORD");
        assertThat(output).contains("APPLICATION FAILED TO START", "USER_SYNC_MASTER_KEY is not set");
    }

    @Test
    void aStartWithTheProdProfileIsRefusedEvenOnH2() {
        assertThatThrownBy(() -> start(h2("--spring.profiles.active=prod")))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("USER_SYNC_MASTER_KEY is not set")
                .hasMessageContaining("No API account and no JWT issuer");
    }

    @Test
    void aMixOfH2AndPostgresqlIsNotTheEmbeddedDefault() {
        assertThatThrownBy(() -> start(List.of(
                        "--user-sync.erasure-journal.datasource.url=jdbc:postgresql://127.0.0.1:1/never_reached")))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("USER_SYNC_MASTER_KEY is not set");
    }

    @Test
    void thePublicDevMasterKeyIsRefused() {
        assertThatThrownBy(() -> start(
                        h2("--spring.profiles.active=prod", "--user-sync.master-key=" + DevDefaults.DEV_MASTER_KEY)))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("USER_SYNC_MASTER_KEY is the public dev key");
    }

    @Test
    void plainAndNoopPasswordsAreRefused() {
        assertThatThrownBy(() -> start(h2(
                        "--spring.profiles.active=prod",
                        "--user-sync.master-key=" + REAL_KEY,
                        "--user-sync.security.accounts[0].name=admin",
                        "--user-sync.security.accounts[0].password={noop}dev-admin",
                        "--user-sync.security.accounts[0].roles[0]=USER_ADMIN",
                        "--user-sync.security.accounts[1].name=auditor",
                        "--user-sync.security.accounts[1].password=hunter2-value",
                        "--user-sync.security.accounts[1].roles[0]=AUDITOR",
                        "--user-sync.projection-service.username=auditor",
                        "--user-sync.projection-service.password=secret")))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("USER_SYNC_SECURITY_ACCOUNTS_0_PASSWORD is not a {bcrypt}")
                .hasMessageContaining("USER_SYNC_SECURITY_ACCOUNTS_1_PASSWORD is not a {bcrypt}")
                .message()
                .doesNotContain("USER_SYNC_MASTER_KEY", "PROJECTION_SERVICE", "dev-admin", "hunter2-value");
    }

    @Test
    void withRealSettingsTheProdProfileStartsAndTheDevAccountsDoNotExist() {
        try (ConfigurableApplicationContext context = start(h2(
                "--spring.profiles.active=prod",
                "--user-sync.master-key=" + REAL_KEY,
                "--user-sync.security.accounts[0].name=admin",
                "--user-sync.security.accounts[0].password=" + ADMIN_BCRYPT,
                "--user-sync.security.accounts[0].roles[0]=USER_ADMIN",
                "--user-sync.projection-service.username=auditor",
                "--user-sync.projection-service.password=secret"))) {
            assertThat(context.getEnvironment().getProperty("user-sync.master-key"))
                    .isEqualTo(REAL_KEY);
            assertThat(status(context, "admin", "dev-admin")).isEqualTo(200);
            assertThat(status(context, "operator", "dev-operator")).isEqualTo(401);
        }
    }

    @Test
    void theEmbeddedDefaultStartsWithTheDevKeyAndDevAccounts() {
        try (ConfigurableApplicationContext context = start(h2())) {
            assertThat(context.getEnvironment().getProperty("user-sync.master-key"))
                    .isEqualTo(DevDefaults.DEV_MASTER_KEY);
            assertThat(status(context, "admin", "dev-admin")).isEqualTo(200);
            assertThat(status(context, "operator", "wrong")).isEqualTo(401);
        }
    }

    private static List<String> h2(String... more) {
        String name = UUID.randomUUID().toString();
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:mem:start-" + name + ";DB_CLOSE_DELAY=-1",
                "--user-sync.erasure-journal.datasource.url=jdbc:h2:mem:start-journal-" + name + ";DB_CLOSE_DELAY=-1"));
        arguments.addAll(List.of(more));
        return arguments;
    }

    private static ConfigurableApplicationContext start(List<String> arguments) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of("--server.port=0", "--spring.main.banner-mode=off", "--" + TestSecrets.DISABLED + "=true"));
        return new SpringApplicationBuilder(UserCommandApplication.class).run(all.toArray(String[]::new));
    }

    private static int status(ConfigurableApplicationContext context, String user, String password) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Http("http://localhost:" + port)
                .as(user, password)
                .get("/api/users?limit=1")
                .status();
    }
}
