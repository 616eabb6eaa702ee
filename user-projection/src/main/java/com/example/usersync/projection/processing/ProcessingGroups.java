package com.example.usersync.projection.processing;

import java.util.List;

/**
 * The processing groups this plumbing runs, by name: one per tool. The tools implement it, so
 * processing never depends on them.
 */
public interface ProcessingGroups {

    List<String> names();

    /**
     * Whether the group's consumers rely on a deletion arriving after the user's other events: true for a
     * tool outside this service, which sees the events in the order they are published and has no erasure
     * receipt here to act as the tombstone that makes {@link ErasureFirstSequencing} safe.
     */
    default boolean ordersDeletions(String name) {
        return false;
    }
}
