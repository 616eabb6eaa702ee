package com.example.usersync.command.tools;

import org.springframework.web.service.annotation.GetExchange;

import java.util.List;

/** The tool-sync service's list of the tools it keeps in sync, one processor each. */
interface ToolSyncService {

    @GetExchange("/api/tools")
    List<String> tools();
}
