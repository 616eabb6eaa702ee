package com.example.usersync.projection.tools;

import com.example.usersync.projection.config.ProjectionSettings;
import com.example.usersync.projection.processing.ProcessingGroups;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every tool this service feeds, each a processing group of its own: the in-process tools
 * ({@link ToolRegistry}, which hold a table here) and the external ones ({@code user-sync.external-tools},
 * published to the broker). Processing, position guards, balancing, dead-letter retries, the admin API and
 * the gauges run for all of them alike.
 */
@Component
public class AllTools implements ProcessingGroups {

    private final List<String> names;
    private final List<String> inProcess;

    AllTools(ToolRegistry inProcess, ProjectionSettings settings) {
        this.inProcess = inProcess.names();
        this.names = Stream.concat(
                        inProcess.names().stream(),
                        new TreeSet<>(settings.externalTools().keySet()).stream())
                .toList();
    }

    /** The in-process tools first (sorted), then the external ones (sorted). */
    @Override
    public List<String> names() {
        return names;
    }

    /** The external tools: their consumers see a deletion after the user's other events. */
    @Override
    public boolean ordersDeletions(String name) {
        return names.contains(name) && !inProcess.contains(name);
    }

    public boolean contains(String name) {
        return names.contains(name);
    }
}
