package com.example.usersync.platform.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.List;

/** A start outside dev without production settings; the message lists what to set. */
public class StartRefused extends RuntimeException {

    public StartRefused(String service, List<String> problems) {
        super(service + " refuses to start outside dev (a non-H2 datasource or the prod profile) without"
                + " production settings:\n - " + String.join("\n - ", problems));
    }

    /** Prints the list as Spring Boot's "APPLICATION FAILED TO START" report instead of a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<StartRefused> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, StartRefused cause) {
            return new FailureAnalysis(
                    cause.getMessage(),
                    "Set the environment variables named above (README,"
                            + " \"Configuration\"), or for local use run on the embedded H2 default or with the dev profile.",
                    cause);
        }
    }
}
