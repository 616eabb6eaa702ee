package com.example.usersync.command.console;

/** A console page about something that does not exist: answered 404 with the console's own page. */
class ConsoleNotFound extends RuntimeException {
    ConsoleNotFound(String message) {
        super(message, null, false, false);
    }
}
