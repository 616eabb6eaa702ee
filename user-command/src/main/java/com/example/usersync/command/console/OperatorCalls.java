package com.example.usersync.command.console;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.platform.security.CurrentActor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * Every call of the tool-sync service's admin API from the console goes through here: the person's
 * own OPERATOR role is checked again right before the call (the service account could do more than
 * the person), and the person is named to the tool-sync service.
 */
@Component
class OperatorCalls {

    /** The console has no account at the tool-sync service ({@code user-sync.console.*} unset). */
    static final class NotConfigured extends RuntimeException {
        NotConfigured() {
            super("The console has no account at the tool-sync service (user-sync.console.*).", null, false, false);
        }
    }

    private final ProjectionAdmin admin;
    private final CurrentActor actor;
    private final boolean configured;

    OperatorCalls(ProjectionAdmin admin, CurrentActor actor, UserCommandSettings settings) {
        this.admin = admin;
        this.actor = actor;
        this.configured = settings.console().configured();
    }

    <T> T call(Authentication person, Function<Call, T> call) {
        if (!ConsoleSection.PROCESSORS.allows(person)) {
            throw new AccessDeniedException("Not an operator");
        }
        if (!configured) {
            throw new NotConfigured();
        }
        return call.apply(new Call(admin, actor.idOf(person)));
    }

    /** The admin API and the person to name in each request. */
    record Call(ProjectionAdmin admin, String person) {}
}
