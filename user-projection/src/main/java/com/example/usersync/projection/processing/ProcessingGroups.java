package com.example.usersync.projection.processing;

import java.util.List;

/**
 * The processing groups this plumbing runs, by name: one per tool. The tools implement it, so
 * processing never depends on them.
 */
public interface ProcessingGroups {

    List<String> names();
}
