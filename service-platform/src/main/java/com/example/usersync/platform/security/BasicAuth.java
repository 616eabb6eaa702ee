package com.example.usersync.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * With a JWT issuer, basic auth is refused except for these accounts (service accounts of the other
 * service and the tools, which have no token); without an issuer, every account may log in.
 */
@ConfigurationProperties("user-sync.security.basic")
public record BasicAuth(@DefaultValue List<String> allowedAccounts) {}
