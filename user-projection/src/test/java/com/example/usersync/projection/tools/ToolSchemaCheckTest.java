package com.example.usersync.projection.tools;

import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The start-up check of each tool's table against the tool's columns and view. */
class ToolSchemaCheckTest {

    final ToolTestDatabase db = new ToolTestDatabase();

    record Contact(UUID userId, long version, String email, String displayName, String locale) {}

    @ProcessingGroup("mailing")
    static class Mailing extends ToolProjection<Contact> {
        final Map<String, Object> columns;

        Mailing(ToolStorage storage, String table, Map<String, Object> columns) {
            super(storage, table, Contact.class);
            this.columns = columns;
        }

        @Override
        protected Map<String, Object> columns(UserState state) {
            return columns;
        }
    }

    static final Map<String, Object> MAILING = Map.of("email", "e", "display_name", "d", "locale", "l");

    void check(ToolProjection<?> tool) {
        new ToolSchemaCheck(new ToolRegistry(List.of(tool))).afterSingletonsInstantiated();
    }

    @Test
    void aToolWhoseTableMatchesItsColumnsStarts() {
        assertThatNoException().isThrownBy(() -> check(new Mailing(db.storage, "mailing_contact", MAILING)));
    }

    @Test
    void aColumnTheToolWritesThatTheTableLacksStopsTheStartNamingToolTableAndColumn() {
        Map<String, Object> columns = Map.of("email", "e", "display_name", "d", "locale", "l", "nickname", "n");

        assertThatIllegalStateException()
                .isThrownBy(() -> check(new Mailing(db.storage, "mailing_contact", columns)))
                .withMessageContainingAll("mailing", "mailing_contact", "nickname");
    }

    @Test
    void aTableColumnTheToolDoesNotWriteStopsTheStart() {
        Map<String, Object> columns = Map.of("email", "e", "display_name", "d");

        assertThatIllegalStateException()
                .isThrownBy(() -> check(new Mailing(db.storage, "mailing_contact", columns)))
                .withMessageContainingAll("mailing", "mailing_contact", "locale");
    }

    @Test
    void aMissingTableStopsTheStart() {
        assertThatIllegalStateException()
                .isThrownBy(() -> check(new Mailing(db.storage, "mailing_contacts", MAILING)))
                .withMessageContainingAll("mailing", "mailing_contacts");
    }

    @Test
    void aViewComponentWithoutAColumnStopsTheStart() {
        record Wrong(UUID userId, long version, String emailAddress) {}
        @ProcessingGroup("mailing")
        class WrongView extends ToolProjection<Wrong> {
            WrongView() {
                super(db.storage, "mailing_contact", Wrong.class);
            }

            @Override
            protected Map<String, Object> columns(UserState state) {
                return MAILING;
            }
        }

        assertThatIllegalStateException()
                .isThrownBy(() -> check(new WrongView()))
                .withMessageContainingAll("mailing", "mailing_contact", "email_address", "Wrong");
        assertThat(db.count("SELECT COUNT(*) FROM mailing_contact")).isZero();
    }
}
