package com.example.usersync.platform.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StrictParametersTest {

    @Test
    void aUuidInItsCanonicalFormIsRead() {
        UUID id = UUID.randomUUID();

        assertThat(StrictParameters.uuid(id.toString())).isEqualTo(id);
        assertThat(StrictParameters.uuid(id.toString().toUpperCase())).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "1-2-3-4-5",
                "not-a-uuid",
                " 0f8fad5b-d9cb-469f-a165-70867728950e",
                "0f8fad5bd9cb469fa16570867728950e"
            })
    void anythingElseIsNotAUuid(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> StrictParameters.uuid(text));
    }

    @Test
    void anRfc3339DateTimeIsRead() {
        assertThat(StrictParameters.instant("2026-01-01T00:00:00Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(StrictParameters.instant("2026-01-01T01:00:00.5+01:00"))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00.5Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-1",
                "1700000000000",
                "yesterday",
                "2026-01-01",
                "2026-01-01T00:00:00",
                "+999999999-12-31T23:59:59Z",
                "2024-13-45T99:99:99Z"
            })
    void anythingElseIsNotADateTime(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> StrictParameters.instant(text));
    }
}
