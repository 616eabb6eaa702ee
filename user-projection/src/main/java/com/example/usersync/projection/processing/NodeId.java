package com.example.usersync.projection.processing;

/** This instance's identity in {@code token_entry} claims, {@code projection_node} and the runs it owns. */
public record NodeId(String value) {}
