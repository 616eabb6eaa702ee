package com.example.usersync.projection.tools.mailing;

import com.example.usersync.logging.Redacted;
import com.example.usersync.projection.tools.ToolProjection;
import com.example.usersync.projection.tools.ToolStorage;
import com.example.usersync.projection.tools.UserState;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * Mailing keeps a contact per user: where to write, how to greet, in which language. Only users
 * entitled to mailing are held.
 */
@Component
@ProcessingGroup("mailing")
class MailingProjection extends ToolProjection<MailingProjection.Contact> {

    record Contact(UUID userId, long version, String email, String displayName, String locale) {
        /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
        @Override
        public String toString() {
            return Redacted.toString(this, "email", "displayName");
        }
    }

    MailingProjection(ToolStorage storage) {
        super(storage, "mailing_contact", Contact.class);
    }

    @Override
    protected Map<String, Object> columns(UserState state) {
        return Map.of(
                "email", state.profile().email(),
                "display_name", state.profile().displayName(),
                "locale", state.profile().locale());
    }
}
