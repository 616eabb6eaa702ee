package com.example.usersync.projection.tools.billing;

import com.example.usersync.events.user.Plan;
import com.example.usersync.logging.Redacted;
import com.example.usersync.projection.tools.ToolProjection;
import com.example.usersync.projection.tools.ToolStorage;
import com.example.usersync.projection.tools.UserState;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/**
 * Billing keeps an account per user: the plan, whether it is charged, and where invoices go. It
 * needs every user, entitled or not: every account is billed, free ones as not charged.
 */
@Component
@ProcessingGroup("billing")
class BillingProjection extends ToolProjection<BillingProjection.Account> {

    record Account(UUID userId, long version, Plan plan, String status, String invoiceEmail) {
        /** Personal data redacted: frameworks log bodies, commands and events at DEBUG. */
        @Override
        public String toString() {
            return Redacted.toString(this, "invoiceEmail");
        }
    }

    BillingProjection(ToolStorage storage) {
        super(storage, "billing_account", Account.class);
    }

    @Override
    protected boolean needsAllUsers() {
        return true;
    }

    @Override
    protected Map<String, Object> columns(UserState state) {
        Plan plan = state.access().plan();
        return Map.of(
                "plan", plan.name(),
                "status", plan == Plan.FREE ? "NOT_CHARGED" : "CHARGED",
                "invoice_email", state.profile().email());
    }
}
