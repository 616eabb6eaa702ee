package com.example.usersync.platform.serialization;

import com.example.usersync.platform.startup.StartupSettings;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Base64;

/**
 * The master key ({@code user-sync.master-key}, the same in both services): unwraps the users'
 * data keys and keys the JWT actor pseudonyms. Checked at start: 32 bytes, base64-encoded; outside
 * dev, {@link StartupSettings} also refuses the public dev key.
 */
@Validated
@ConfigurationProperties("user-sync")
public record MasterKeySettings(@NotBlank String masterKey) {

    @AssertTrue(message = "master-key must be 32 random bytes, base64-encoded (openssl rand -base64 32)")
    public boolean isMasterKey32Bytes() {
        if (masterKey == null || masterKey.isBlank()) {
            return true; // reported by @NotBlank
        }
        try {
            return Base64.getDecoder().decode(masterKey.trim()).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Without the key. */
    @Override
    public String toString() {
        return "MasterKeySettings[masterKey=" + (masterKey == null ? null : "[redacted]") + "]";
    }
}
