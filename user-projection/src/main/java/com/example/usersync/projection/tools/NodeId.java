package com.example.usersync.projection.tools;

/** This instance's identity in {@code token_entry} claims and {@code projection_node}. */
record NodeId(String value) {
}
