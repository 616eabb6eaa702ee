package com.example.usersync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed API documents ({@code docs/openapi/<service>.yaml}) are what the running services
 * serve: a change to the contract is a reviewed change to that file. To accept a change, run the
 * test with {@code -Dopenapi.update=true} and commit the file it writes.
 */
public final class ApiDocument {

    private ApiDocument() {}

    public static Path committed(String service) {
        return Path.of("..", "docs", "openapi", service + ".yaml");
    }

    /** Fails unless {@code baseUrl}'s {@code /v3/api-docs.yaml} is the committed document of {@code service}. */
    public static void assertMatchesCommitted(String baseUrl, String service) {
        Http.Response served = new Http(baseUrl).get("/v3/api-docs.yaml");
        if (served.status() != 200) {
            throw new AssertionError("No API document at " + baseUrl + ": " + served.status());
        }
        String live = served.body().replace("\r\n", "\n");
        Path committed = committed(service);
        try {
            String expected = Files.exists(committed) ? Files.readString(committed) : "";
            if (live.equals(expected)) {
                return;
            }
            if (Boolean.getBoolean("openapi.update")) {
                Files.createDirectories(committed.getParent());
                Files.writeString(committed, live);
                return;
            }
            Path actual = Path.of("target", "openapi", service + ".yaml");
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, live);
            throw new AssertionError("The API document served by " + service + " differs from " + committed.normalize()
                    + " (served: " + actual + "). If the change is meant, run this test with -Dopenapi.update=true "
                    + "and commit the document.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
