package com.example.usersync.command.user;

/** A bulk-read cursor this API did not hand out. */
public class InvalidCursor extends RuntimeException {

    public InvalidCursor() {
        super("The cursor is not one this API handed out.", null, false, false);
    }
}
