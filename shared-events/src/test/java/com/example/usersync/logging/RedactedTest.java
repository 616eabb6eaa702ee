package com.example.usersync.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactedTest {

    record Person(long id, String email, String displayName, String locale) {
        @Override
        public String toString() {
            return Redacted.toString(this, "email", "displayName");
        }
    }

    @Test
    void theNamedComponentsAreMaskedTheOthersShownAndNullStaysNull() {
        assertThat(new Person(7, "jane@example.com", "Jane", "de-CH"))
                .hasToString("Person[id=7, email=<redacted>, displayName=<redacted>, locale=de-CH]");
        assertThat(new Person(7, null, "Jane", null))
                .hasToString("Person[id=7, email=null, displayName=<redacted>, locale=null]");
    }
}
