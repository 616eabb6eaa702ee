package com.example.usersync.projection;

import com.example.usersync.platform.startup.StartRefused;
import com.example.usersync.testing.ComposeFile;
import com.example.usersync.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** As in user-command: the dev key, dev accounts and dev user-service credentials only in dev. */
class StartOutsideDevTest {

    @Test
    void aStartOnPostgresqlWithoutAnySettingIsRefusedNamingEveryVariableToSet() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ProjectionApplication.class)
                        .run(
                                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/never_reached",
                                "--user-sync.event-store.datasource.url=jdbc:postgresql://127.0.0.1:1/never_reached",
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--" + TestSecrets.DISABLED + "=true"))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("USER_SYNC_MASTER_KEY is not set")
                .hasMessageContaining("USER_SYNC_SECURITY_ACCOUNTS_0_NAME")
                .hasMessageContaining("USER_SERVICE_USERNAME is not set")
                .hasMessageContaining("USER_SERVICE_PASSWORD is not set")
                .hasMessageContaining("USER_SERVICE_BILLING_PASSWORD is not set")
                .hasMessageContaining("USER_SERVICE_MAILING_USERNAME is not set")
                .hasMessageContaining("USER_SERVICE_ANALYTICS_PASSWORD is not set");
    }

    @Test
    void theProdProfileRefusesTheDevKeyAndNoopPasswordsEvenOnH2() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ProjectionApplication.class)
                        .run(
                                "--spring.profiles.active=prod",
                                "--spring.datasource.url=jdbc:h2:mem:refused;DB_CLOSE_DELAY=-1",
                                "--user-sync.event-store.datasource.url=jdbc:h2:mem:refused-events;DB_CLOSE_DELAY=-1",
                                "--user-sync.master-key=" + DevDefaults.DEV_MASTER_KEY,
                                "--user-sync.security.accounts[0].name=operator",
                                "--user-sync.security.accounts[0].password={noop}dev-operator",
                                "--user-sync.security.accounts[0].roles[0]=OPERATOR",
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--" + TestSecrets.DISABLED + "=true"))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("USER_SYNC_MASTER_KEY is the public dev key")
                .hasMessageContaining("USER_SYNC_SECURITY_ACCOUNTS_0_PASSWORD is not a {bcrypt}")
                .message()
                .doesNotContain("dev-operator");
    }

    @Test
    void theDockerComposeEnvironmentPassesTheProductionStartChecks() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        // Named so that Spring's relaxed binding applies (USER_SYNC_SECURITY_ACCOUNTS_0_NAME), as in a container.
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new LinkedHashMap<String, Object>(
                                        ComposeFile.environmentWithSampleSecrets("user-projection"))));
        new YamlPropertySourceLoader()
                .load("Config resource application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("user-projection");
        assertThat(environment.getActiveProfiles()).containsExactly("prod");
        assertThat(new DevDefaults().isDev(environment)).isFalse();
        assertThatCode(() -> new DevDefaults()
                        .postProcessEnvironment(environment, new SpringApplication(ProjectionApplication.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void theEmbeddedDefaultGetsTheDevSettingsAndAPrivateDataDirectoryAndLoopbackH2(@TempDir Path home)
            throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path data = home.resolve("data");
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + data.resolve("tools") + ";AUTO_SERVER=TRUE")
                .withProperty(
                        "user-sync.event-store.datasource.url",
                        "jdbc:h2:file:" + data.resolve("event-store") + ";AUTO_SERVER=TRUE");
        new DevDefaults().postProcessEnvironment(environment, new SpringApplication(ProjectionApplication.class));

        assertThat(environment.getProperty("user-sync.master-key")).isEqualTo(DevDefaults.DEV_MASTER_KEY);
        assertThat(environment.getProperty("user-sync.user-service.tools.billing.password"))
                .isEqualTo("dev-tool-billing");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        assertThat(System.getProperty("h2.bindAddress")).isIn("127.0.0.1", "::1");
    }
}
