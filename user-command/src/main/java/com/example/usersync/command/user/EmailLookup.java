package com.example.usersync.command.user;

import com.example.usersync.platform.serialization.MasterKeySettings;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Email uniqueness without storing the address: a claim's key is HMAC-SHA256 (hex) of the
 * normalized address, keyed by a key derived from the master key. A dump of the event store
 * database cannot be read back into addresses, nor can they be guessed without the master key.
 */
@Component
class EmailLookup implements EmailRegistry {

    static final String DERIVATION_LABEL = "user-sync/email-lookup/v1";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final SecretKeySpec lookupKey;
    private final EmailClaimRepository claims;

    EmailLookup(MasterKeySettings masterKey, EmailClaimRepository claims) {
        this.lookupKey = new SecretKeySpec(
                hmac(
                        new SecretKeySpec(
                                Base64.getDecoder().decode(masterKey.masterKey().trim()), "HmacSHA256"),
                        DERIVATION_LABEL),
                "HmacSHA256");
        this.claims = claims;
    }

    /** The claim key of an address: equal for addresses that differ only in case, spacing or normalization form. */
    String keyOf(String email) {
        return HexFormat.of().formatHex(hmac(lookupKey, EmailRegistry.normalize(email)));
    }

    /** True for a value that already is a claim key (not an address from an older version). */
    static boolean isKey(String value) {
        return KEY.matcher(value).matches();
    }

    @Override
    public Optional<UUID> holderOf(String normalizedEmail) {
        return claims.findByEmailKey(keyOf(normalizedEmail)).map(EmailClaim::userId);
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
