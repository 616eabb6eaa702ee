package com.example.usersync.projection.tools;

import org.axonframework.config.ProcessingGroup;

import java.util.Map;
import java.util.UUID;

/** A mailing tool defined in a test, on the real {@code mailing_contact} table. */
@ProcessingGroup("mailing")
final class TestMailing extends ToolProjection<TestMailing.Contact> {

    record Contact(UUID userId, long version, String email, String displayName, String locale) {}

    TestMailing(ToolStorage storage) {
        super(storage, "mailing_contact", Contact.class);
    }

    @Override
    protected Map<String, Object> columns(UserState state) {
        return Map.of(
                "email",
                state.profile().email(),
                "display_name",
                state.profile().displayName(),
                "locale",
                state.profile().locale());
    }
}
