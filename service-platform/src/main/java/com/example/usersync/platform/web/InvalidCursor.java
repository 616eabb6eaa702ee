package com.example.usersync.platform.web;

/** A paging cursor this API did not hand out: a 400 problem detail ({@code invalid-cursor}) in either service. */
public class InvalidCursor extends RuntimeException {

    public InvalidCursor() {
        super("The cursor is not one this API handed out.", null, false, false);
    }
}
