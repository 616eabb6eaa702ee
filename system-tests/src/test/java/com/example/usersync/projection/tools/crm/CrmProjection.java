package com.example.usersync.projection.tools.crm;

import com.example.usersync.logging.Redacted;
import com.example.usersync.projection.tools.ToolProjection;
import com.example.usersync.projection.tools.ToolStorage;
import com.example.usersync.projection.tools.UserState;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * A fourth tool, added the way the README's "Adding a tool" says and nothing more: this package, the
 * migration {@code db/user-projection/V1000__crm_customer.sql} and its account (test secrets). It lives in
 * the system tests' sources, so every system test runs with it: the processor, dead letters, admin API,
 * views, reconciliation, erasure receipts and the user service's erasure ledger and export all learn it
 * without a line of theirs changed, and no test names it.
 */
@Component
@ProcessingGroup("crm")
class CrmProjection extends ToolProjection<CrmProjection.Customer> {

    record Customer(UUID userId, long version, String displayName, String plan) {
        @Override
        public String toString() {
            return Redacted.toString(this, "displayName");
        }
    }

    CrmProjection(ToolStorage storage) {
        super(storage, "crm_customer", Customer.class);
    }

    @Override
    protected Map<String, Object> columns(UserState state) {
        return Map.of(
                "display_name", state.profile().displayName(),
                "plan", state.access().plan().name());
    }
}
