package com.example.usersync.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An OpenID issuer for tests: serves its discovery document and JWK set over real HTTP, so a
 * service configured with {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} validates
 * tokens exactly as in production, and signs tokens (or forges them with a key it never published).
 */
public final class TestIssuer implements AutoCloseable {

    private final RSAKey key = rsaKey();
    private final HttpServer server;

    public TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/.well-known/openid-configuration",
                exchange -> respond(
                        exchange,
                        "{\"issuer\":\"" + uri() + "\",\"jwks_uri\":\"" + uri()
                                + "/jwks\",\"subject_types_supported\":[\"public\"],"
                                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/jwks", exchange -> respond(exchange, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Claims of a well-formed token of this issuer: subject, issued now, expiring in five minutes. */
    public JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(uri())
                .subject("svc-" + UUID.randomUUID())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    /** Claims for the audience with the roles in the given claim. */
    public JWTClaimsSet.Builder claims(String audience, String rolesClaim, List<String> roles) {
        return claims().audience(audience).claim(rolesClaim, roles);
    }

    public String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    /** Signed with a key of the right shape that this issuer never published. */
    public String forge(JWTClaimsSet claims) {
        return sign(rsaKey(), claims);
    }

    private String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID("test-key")
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
