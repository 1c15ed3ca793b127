package io.fhirguard.servlet.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.LogCapture;
import io.fhirguard.testing.TestKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * Every secret the adversarial suite creates (tokens, their signatures, private-key material,
 * client secrets) and one capture of every log line written while the suite runs, so that any
 * test can assert that none of them reached a log or an audit record. The capture starts with
 * the first adversarial class and is never closed: the last check of the suite sees every log
 * line of the whole suite.
 */
final class Secrets {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final int MIN_LENGTH = 16;
    private static LogCapture capture;

    private Secrets() {
    }

    /** Starts the suite-wide log capture once. */
    static synchronized void startCapture() {
        if (capture == null) {
            capture = new LogCapture();
        }
    }

    /** Returns every log line captured so far. */
    static synchronized String logs() {
        return capture == null ? "" : capture.text();
    }

    /**
     * Registers a token (and its signature and payload, which identify it as well).
     *
     * @param token the compact token text
     * @return the same token
     */
    static String token(String token) {
        register(token);
        String[] parts = token.split("\\.", -1);
        if (parts.length == 3) {
            register(parts[1]);
            register(parts[2]);
        }
        return token;
    }

    /** Registers a secret text (ignored when too short to be told apart from noise). */
    static void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            SECRETS.add(secret);
        }
    }

    /** Registers a key pair's private material: PKCS#8 base64 (as in PEM) and JWK members. */
    static void registerKey(TestKey key) {
        String pkcs8 = Base64.getEncoder().encodeToString(key.privateKey().getEncoded());
        register(pkcs8);
        register(pkcs8.substring(0, 64));
        if (key.publicKey() instanceof RSAPublicKey rsa) {
            RsaJsonWebKey jwk = new RsaJsonWebKey(rsa);
            jwk.setPrivateKey(key.privateKey());
            Map<String, Object> params = jwk.toParams(
                    JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
            for (String member : List.of("d", "p", "q", "dp", "dq", "qi")) {
                register((String) params.get(member));
            }
        }
    }

    /**
     * Lists the registered secrets found in a text, shortened for the failure message.
     *
     * @param text the text
     * @return the (shortened) secrets found
     */
    static List<String> foundIn(String text) {
        List<String> found = new ArrayList<>();
        for (String s : SECRETS) {
            if (text.contains(s)) {
                found.add(s.substring(0, 12) + "...(" + s.length() + " chars)");
            }
        }
        return found;
    }

    /** Asserts that no registered secret appears in a text. */
    static void assertAbsentFrom(String where, String text) {
        assertThat(foundIn(text)).as("secrets found in " + where).isEmpty();
    }

    static int count() {
        return SECRETS.size();
    }
}
