package com.example.usersync.projection.tools;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Checks every tool's table against the tool's columns once all beans exist (migrations have run)
 * and before any processor starts: a mismatch fails the start with a message naming tool, table
 * and column, instead of dead-lettering every event.
 */
@Component
class ToolSchemaCheck implements SmartInitializingSingleton {

    private final ToolRegistry tools;

    ToolSchemaCheck(ToolRegistry tools) {
        this.tools = tools;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : tools.names()) {
            tools.tool(name).orElseThrow().table().checkColumns();
        }
    }
}
