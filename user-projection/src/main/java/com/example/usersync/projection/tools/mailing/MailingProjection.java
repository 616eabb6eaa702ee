package com.example.usersync.projection.tools.mailing;

import com.example.usersync.logging.Redacted;
import com.example.usersync.projection.tools.ToolProjection;
import com.example.usersync.projection.tools.UserState;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

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

    MailingProjection(JdbcClient jdbc, PlatformTransactionManager transactions) {
        super(jdbc, transactions, "mailing_contact");
    }

    @Override
    protected Map<String, Object> columns(UserState state) {
        return Map.of(
                "email", state.profile().email(),
                "display_name", state.profile().displayName(),
                "locale", state.profile().locale());
    }

    @Override
    protected RowMapper<Contact> view() {
        return (rs, row) -> new Contact(rs.getObject("user_id", UUID.class), rs.getLong("version"),
                rs.getString("email"), rs.getString("display_name"), rs.getString("locale"));
    }
}
