package com.example.usersync.command.user;

import com.example.usersync.platform.serialization.MasterKeySettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

class EmailLookupTest {

    static final String MASTER = "MkJxDaUi21rZQeclCPOWXQllLLzlv4rxxaFhUCNTkus=";
    static final String OTHER_MASTER = Base64.getEncoder().encodeToString(new byte[32]);
    final EmailLookup lookup = new EmailLookup(new MasterKeySettings(MASTER), null);

    @Test
    void theKeyIsAnHmacOfTheNormalizedAddressUnderAKeyDerivedFromTheMasterKey() throws Exception {
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(Base64.getDecoder().decode(MASTER), "HmacSHA256"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
                derive.doFinal("user-sync/email-lookup/v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));

        assertThat(lookup.keyOf("ana@example.com"))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal("ana@example.com".getBytes(StandardCharsets.UTF_8))))
                .matches("[0-9a-f]{64}")
                .doesNotContain("ana", "example");
    }

    @Test
    void addressesThatDifferOnlyInCaseSpacingOrUnicodeFormShareAKey() {
        assertThat(lookup.keyOf(" Ana@Example.COM ")).isEqualTo(lookup.keyOf("ana@example.com"));
        assertThat(lookup.keyOf("jos\u00e9@example.com")).isEqualTo(lookup.keyOf("jose\u0301@example.com"));
        assertThat(lookup.keyOf("ana@example.com")).isNotEqualTo(lookup.keyOf("anna@example.com"));
    }

    @Test
    void withoutTheMasterKeyTheKeyCannotBeRecomputed() {
        assertThat(new EmailLookup(new MasterKeySettings(OTHER_MASTER), null).keyOf("ana@example.com"))
                .isNotEqualTo(lookup.keyOf("ana@example.com"));
    }

    @Test
    void onlyHexDigestsCountAsKeysSoTheBackfillConvertsEveryPlaintextAddress() {
        assertThat(EmailLookup.isKey(lookup.keyOf("ana@example.com"))).isTrue();
        assertThat(EmailLookup.isKey("ana@example.com")).isFalse();
    }
}
