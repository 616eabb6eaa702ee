package com.example.usersync.command;

import com.example.usersync.platform.security.Accounts.Account;
import com.example.usersync.testing.ComposeFile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * The docker-compose setup is for users and there is no Docker engine in the build, so it is checked
 * by parsing: against the variables the services really read and the databases init.sql creates.
 */
class DockerComposeTest {

    /** Read by Spring itself (relaxed binding of user-sync.security.accounts, the profile), not a placeholder. */
    private static final Pattern READ_BY_SPRING =
            Pattern.compile("USER_SYNC_SECURITY_ACCOUNTS_\\d+_(NAME|PASSWORD|ROLES_\\d+|TOOL)|SPRING_PROFILES_ACTIVE");

    private static final String READER_ROLE = "projection_reader";
    private static final String POSTGRES_JDBC_PREFIX = "jdbc:postgresql://postgres:5432/";
    private static final List<String> APPLICATION_SERVICES = List.of("user-command", "user-projection");

    private static final Path ROOT = repositoryRoot();
    private static final String COMPOSE_TEXT = read(ROOT.resolve("docker-compose.yml"));
    private static final String INIT_SQL = read(ROOT.resolve("docker/postgres/init.sql"));
    private static final Map<String, Object> SERVICES = services();

    @Test
    void definesPostgresAndBothApplicationServices() {
        assertThat(SERVICES).containsKeys("postgres", "user-command", "user-projection");
    }

    @Test
    void setsOnlyEnvironmentVariablesThatTheServiceReads() {
        for (String service : APPLICATION_SERVICES) {
            String applicationYml = read(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
            assertThat(environment(service).keySet())
                    .as("environment of %s", service)
                    .isNotEmpty()
                    .filteredOn(name -> !READ_BY_SPRING.matcher(name).matches())
                    .allSatisfy(name -> assertThat(applicationYml)
                            .as("%s/src/main/resources/application.yml reads ${%s}", service, name)
                            .containsPattern("\\$\\{" + Pattern.quote(name) + "[:}]"));
        }
    }

    @Test
    void pointsEveryDatasourceAtDatabasesThatInitSqlCreatesOnThePostgresService() {
        assertThat(environment("user-command")).containsKey("EVENT_STORE_URL");
        assertThat(environment("user-projection")).containsKeys("TOOLS_DB_URL", "EVENT_STORE_URL");
        for (String service : APPLICATION_SERVICES) {
            environment(service).forEach((name, value) -> {
                if (name.endsWith("_URL") && !name.endsWith("_SERVICE_URL")) {
                    assertThat(value).as("%s %s", service, name).startsWith(POSTGRES_JDBC_PREFIX);
                    String database =
                            value.substring(POSTGRES_JDBC_PREFIX.length()).split("[?;]")[0];
                    assertThat(INIT_SQL)
                            .as("init.sql creates database %s", database)
                            .containsPattern("(?i)CREATE DATABASE\\s+" + Pattern.quote(database) + "\\s*;");
                }
            });
        }
        assertThat(environment("user-command").get("EVENT_STORE_URL")).endsWith("/event_store");
        assertThat(environment("user-command").get("PROJECTION_SERVICE_URL")).isEqualTo("http://user-projection:8081");
        assertThat(environment("user-projection").get("USER_SERVICE_URL")).isEqualTo("http://user-command:8080");
        assertThat(environment("user-projection"))
                .containsEntry("EVENT_STORE_URL", environment("user-command").get("EVENT_STORE_URL"))
                .containsEntry("TOOLS_DB_URL", POSTGRES_JDBC_PREFIX + "tools");
    }

    @Test
    void projectionReadsTheEventStoreAsTheReadOnlyRole() {
        Map<String, String> projection = environment("user-projection");
        assertThat(projection).containsEntry("EVENT_STORE_USERNAME", READER_ROLE);
        assertThat(environment("user-command").get("EVENT_STORE_USERNAME")).isNotEqualTo(READER_ROLE);
        assertThat(INIT_SQL)
                .containsPattern("(?i)CREATE ROLE\\s+" + READER_ROLE + "\\s+LOGIN")
                .containsPattern("(?i)GRANT CONNECT ON DATABASE event_store TO " + READER_ROLE)
                .containsPattern("(?i)GRANT USAGE ON SCHEMA public TO " + READER_ROLE)
                // Table grants are user-command's (ProjectionReaderGrants): only the tables the projection reads.
                .doesNotContainPattern("(?im)^\\s*GRANT SELECT ON ALL TABLES")
                .doesNotContainPattern("(?im)^\\s*ALTER DEFAULT PRIVILEGES")
                .doesNotContainPattern("(?i)GRANT\\s+(ALL|INSERT|UPDATE|DELETE|TRUNCATE)[^;]*TO " + READER_ROLE);
        String userCommandYml = read(ROOT.resolve("user-command/src/main/resources/application.yml"));
        assertThat(userCommandYml).containsPattern("reader-role: \\$\\{PROJECTION_READER_ROLE:" + READER_ROLE + "}");
        // The role's password is the one the projection logs in with, handed to init.sql by the postgres service.
        assertThat(INIT_SQL).contains("\\getenv reader_password PROJECTION_READER_PASSWORD");
        assertThat(projection.get("EVENT_STORE_PASSWORD"))
                .isEqualTo(environment("postgres").get("PROJECTION_READER_PASSWORD"));
    }

    @Test
    void publishesCommandOn8080AndProjectionOn8081OnLoopbackByDefault() {
        assertThat(service("user-command").get("ports"))
                .asInstanceOf(LIST)
                .containsExactly("${PUBLISH_ADDRESS:-127.0.0.1}:8080:8080");
        assertThat(service("user-projection").get("ports"))
                .asInstanceOf(LIST)
                .containsExactly("${PUBLISH_ADDRESS:-127.0.0.1}:8081:8081");
        for (String name : SERVICES.keySet()) {
            Object ports = service(name).get("ports");
            if (ports != null) {
                assertThat(ports)
                        .asInstanceOf(LIST)
                        .as("ports of %s", name)
                        .allSatisfy(
                                port -> assertThat(String.valueOf(port)).startsWith("${PUBLISH_ADDRESS:-127.0.0.1}:"));
            }
        }
    }

    @Test
    void setsNoDevAccountOrDevPassword() {
        assertThat(COMPOSE_TEXT)
                .doesNotContain(
                        "dev-only-change-me",
                        "{noop}",
                        "dev-admin",
                        "dev-auditor",
                        "dev-operator",
                        "dev-tool",
                        DevDefaults.DEV_MASTER_KEY);
        environment("user-command").forEach((name, value) -> {
            if (name.matches("USER_SYNC_SECURITY_ACCOUNTS_\\d+_PASSWORD")) {
                assertThat(value).as(name).matches("\\$\\{[A-Z_]+_HASH:\\?[^}]+}");
            }
        });
    }

    @Test
    void theUserCommandEnvironmentPassesTheProductionStartChecks() {
        StandardEnvironment environment = new StandardEnvironment();
        // Named so that Spring's relaxed binding applies (USER_SYNC_SECURITY_ACCOUNTS_0_NAME), as in a container.
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new LinkedHashMap<String, Object>(
                                        ComposeFile.environmentWithSampleSecrets("user-command"))));
        try {
            new YamlPropertySourceLoader()
                    .load(
                            "Config resource application.yml",
                            new FileSystemResource(ROOT.resolve("user-command/src/main/resources/application.yml")))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(environment.getActiveProfiles()).containsExactly("prod");
        assertThat(new DevDefaults().isDev(environment)).isFalse();
        assertThatCode(() -> new DevDefaults()
                        .postProcessEnvironment(environment, new SpringApplication(UserCommandApplication.class)))
                .doesNotThrowAnyException();
        assertThat(Binder.get(environment)
                        .bind("user-sync.security.accounts", Bindable.listOf(Account.class))
                        .get())
                .extracting(Account::name)
                .containsExactly(
                        "admin",
                        "auditor",
                        "operator",
                        "tool-service",
                        "tool-billing",
                        "tool-mailing",
                        "tool-analytics");
    }

    @Test
    void buildsEachApplicationServiceFromTheDockerfileSelectedByTheModuleArg() {
        Path dockerfile = ROOT.resolve("Dockerfile");
        assertThat(dockerfile).exists();
        assertThat(read(dockerfile)).contains("ARG MODULE", "user-command", "user-projection");
        for (String name : APPLICATION_SERVICES) {
            Map<?, ?> build = (Map<?, ?>) service(name).get("build");
            assertThat(build).as("build of %s", name).isNotNull();
            assertThat(build.get("args")).as("build args of %s", name).isEqualTo(Map.of("MODULE", name));
        }
    }

    @Test
    void requiresEverySecretWithoutAnyDefault() {
        for (String service : SERVICES.keySet()) {
            environment(service).forEach((name, value) -> {
                if (name.contains("PASSWORD") || name.contains("SECRET") || name.endsWith("_KEY")) {
                    assertThat(value).as("%s %s", service, name).matches("\\$\\{[A-Z_]+:\\?[^}]+}");
                }
            });
        }
        assertThat(COMPOSE_TEXT)
                .as("no default for a secret")
                .doesNotContainPattern("\\$\\{[A-Z_]*(PASSWORD|SECRET|KEY|HASH)[A-Z_]*:-");
        assertThat(INIT_SQL)
                .as("init.sql takes passwords from the environment")
                .doesNotContainPattern("(?i)PASSWORD\\s+'");
    }

    private static Map<String, Object> service(String name) {
        Object service = SERVICES.get(name);
        assertThat(service).as("service %s", name).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) service;
        return map;
    }

    /** Accepts both compose notations: a map, or a list of NAME=value. */
    private static Map<String, String> environment(String serviceName) {
        Object environment = service(serviceName).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach(
                    (name, value) -> variables.put(String.valueOf(name), value == null ? null : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] parts = String.valueOf(entry).split("=", 2);
                variables.put(parts[0], parts.length == 2 ? parts[1] : null);
            }
        }
        return variables;
    }

    private static Map<String, Object> services() {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(COMPOSE_TEXT);
        assertThat(compose).containsKey("services");
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        return services;
    }

    /** Surefire runs in the module directory, an IDE perhaps in the repository root. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        return fail("No docker-compose.yml in %s or any parent", Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
