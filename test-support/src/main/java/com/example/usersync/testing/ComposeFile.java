package com.example.usersync.testing;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as a service would see it: its environment with every {@code ${VAR:?...}} given a
 * sample value an operator could set (a fresh key, a bcrypt hash for {@code *_HASH}), and every
 * {@code ${VAR:-default}} its default.
 */
public final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(:[?-])([^}]*)}");
    private static final String SAMPLE_KEY = "3sQf0vVb8Kc0v1m3d9G1yU7pP2oX6rQ4eT5wZ8aB0cI=";
    private static final String SAMPLE_HASH = "{bcrypt}$2a$04$tuCGqtbWwAoBv2PFwKVjMO9JKAOaBJWgw3J8qk4bgmeYrbo8a36N6";

    private ComposeFile() {}

    public static Map<String, String> environmentWithSampleSecrets(String service) {
        Map<String, String> resolved = new LinkedHashMap<>();
        environment(service).forEach((name, value) -> resolved.put(name, value == null ? null : resolve(value)));
        return resolved;
    }

    private static String resolve(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String sample = matcher.group(2).equals(":-")
                    ? matcher.group(3)
                    : variable.endsWith("_HASH")
                            ? SAMPLE_HASH
                            : variable.endsWith("_KEY") ? SAMPLE_KEY : "sample-" + variable.toLowerCase();
            matcher.appendReplacement(result, Matcher.quoteReplacement(sample));
        }
        return matcher.appendTail(result).toString();
    }

    private static Map<String, String> environment(String service) {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(read());
        Map<?, ?> services = (Map<?, ?>) compose.get("services");
        Map<?, ?> environment = (Map<?, ?>) ((Map<?, ?>) services.get(service)).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        environment.forEach(
                (name, value) -> variables.put(String.valueOf(name), value == null ? null : String.valueOf(value)));
        return variables;
    }

    private static String read() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                try {
                    return Files.readString(dir.resolve("docker-compose.yml"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException(
                "No docker-compose.yml in " + Path.of("").toAbsolutePath() + " or any parent");
    }
}
