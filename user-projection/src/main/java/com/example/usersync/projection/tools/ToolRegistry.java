package com.example.usersync.projection.tools;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The in-process tools, which keep a table here, by name (the name of the tool's processing group). */
@Component
public class ToolRegistry {

    private final Map<String, ToolProjection<?>> tools;

    ToolRegistry(List<ToolProjection<?>> projections) {
        this.tools = projections.stream()
                .collect(Collectors.toMap(
                        ToolProjection::name,
                        Function.identity(),
                        (a, b) -> {
                            throw new IllegalStateException("Two tools named " + a.name());
                        },
                        TreeMap::new));
    }

    /** The in-process tools; {@link AllTools} adds the external ones. */
    public List<String> names() {
        return List.copyOf(tools.keySet());
    }

    public Optional<ToolProjection<?>> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }
}
