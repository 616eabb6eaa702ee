package com.example.usersync.events.privacy;

/** Personal data was to be written for a subject whose key was destroyed. Nothing may be written. */
public class SubjectErased extends RuntimeException {

    public SubjectErased(String subject) {
        super("Data subject " + subject + " was erased; no personal data may be written for it.", null, false, false);
    }
}
