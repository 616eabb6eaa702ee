package com.example.usersync.platform.startup;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/** The checks a start outside dev must pass, each problem naming the environment variable to set. */
public final class StartupSettings {

    /** Slow, salted hashes only: {@code {noop}}, plain text and fast digests are refused. */
    private static final Pattern STRONG_HASH = Pattern.compile("^\\{(bcrypt|argon2[^}]*|pbkdf2[^}]*|scrypt[^}]*)}.+");

    public record Login(String name, String password) {
        /** Without the password. */
        @Override
        public String toString() {
            return "Login[name=" + name + ", password=" + (password == null ? null : "[redacted]") + "]";
        }
    }

    private StartupSettings() {}

    /** The resource's properties, above application.yml (like a profile's file), below the environment. */
    /**
     * Dev unless {@code prod} is active; then the {@code dev} profile or an all-H2 setup (every one
     * of the given datasource URL properties unset or an H2 URL).
     */
    public static boolean isDev(ConfigurableEnvironment environment, List<String> datasourceUrls) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            return false;
        }
        return environment.acceptsProfiles(Profiles.of("dev"))
                || datasourceUrls.stream()
                        .map(environment::getProperty)
                        .allMatch(url -> url == null || url.startsWith("jdbc:h2:"));
    }

    public static void addBeforeConfigFiles(ConfigurableEnvironment environment, String resource) {
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String firstConfigFile = environment.getPropertySources().stream()
                .map(PropertySource::getName)
                .filter(name -> name.startsWith("Config resource"))
                .findFirst()
                .orElse(null);
        for (PropertySource<?> source : sources) {
            if (firstConfigFile == null) {
                environment.getPropertySources().addLast(source);
            } else {
                environment.getPropertySources().addBefore(firstConfigFile, source);
            }
        }
    }

    public static void checkMasterKey(ConfigurableEnvironment environment, String devKey, List<String> problems) {
        String key = environment.getProperty("user-sync.master-key", "").trim();
        if (key.isEmpty()) {
            problems.add("USER_SYNC_MASTER_KEY is not set: set it to 32 random bytes, base64 (openssl rand -base64 32),"
                    + " the same value for user-command and user-projection.");
        } else if (key.equals(devKey)) {
            problems.add("USER_SYNC_MASTER_KEY is the public dev key of this repository: set a key of your own"
                    + " (openssl rand -base64 32).");
        }
    }

    public static void checkAccounts(ConfigurableEnvironment environment, List<Login> accounts, List<String> problems) {
        boolean jwt = environment.containsProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                || environment.containsProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        if (accounts.isEmpty() && !jwt) {
            problems.add("No API account and no JWT issuer: set USER_SYNC_SECURITY_ACCOUNTS_0_NAME,"
                    + " USER_SYNC_SECURITY_ACCOUNTS_0_PASSWORD (a {bcrypt} hash), USER_SYNC_SECURITY_ACCOUNTS_0_ROLES_0, ..."
                    + " or SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI.");
        }
        for (int i = 0; i < accounts.size(); i++) {
            Login account = accounts.get(i);
            if (account.name() == null || account.name().isBlank()) {
                problems.add("USER_SYNC_SECURITY_ACCOUNTS_" + i + "_NAME is not set.");
            }
            if (account.password() == null
                    || !STRONG_HASH.matcher(account.password()).matches()) {
                problems.add("USER_SYNC_SECURITY_ACCOUNTS_" + i + "_PASSWORD is not a {bcrypt} (or {argon2}, {pbkdf2},"
                        + " {scrypt}) hash: {noop} and plain passwords are for dev only"
                        + " (htpasswd -bnBC 12 \"\" <password> | tr -d ':\\n', then prefix {bcrypt}).");
            }
        }
    }

    /** Credentials this service calls another with: both must be set. */
    public static void checkClient(
            ConfigurableEnvironment environment,
            String prefix,
            String usernameVariable,
            String passwordVariable,
            List<String> problems) {
        if (environment.getProperty(prefix + ".username", "").isBlank()) {
            problems.add(usernameVariable + " is not set.");
        }
        if (environment.getProperty(prefix + ".password", "").isBlank()) {
            problems.add(passwordVariable + " is not set.");
        }
    }
}
