package io.fhirguard.token.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.token.TrustedIssuer;
import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of one trusted issuer (remote cache, static keys, HMAC secret) and the header and
 * signature checks that use them. A token is only ever verified with keys of the issuer it
 * names.
 */
final class IssuerKeys {
    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);
    private static final List<String> TYP_9068 = List.of("at+jwt", "application/at+jwt");

    private final TrustedIssuer config;
    private final JwksCache remote;
    private final List<PublicJsonWebKey> fixed;
    private final HmacKey hmac;

    IssuerKeys(TrustedIssuer config, JwksCache remote) {
        this.config = config;
        this.remote = remote;
        this.fixed = config.staticKeys().map(StaticKeys::parse).orElse(List.of());
        this.hmac = config.hmacSecret().map(HmacKey::new).orElse(null);
    }

    TrustedIssuer config() {
        return config;
    }

    /** Checks alg, crit and typ; returns the alg when usable (null otherwise). */
    String checkHeader(Map<String, Object> header, List<Problem> problems) {
        Object alg = header.get("alg");
        String result = null;
        if (!(alg instanceof String a)) {
            problems.add(Problem.error(Reason.TOKEN_ALGORITHM_NOT_ALLOWED,
                    "the alg header is missing"));
        } else if (a.toLowerCase(Locale.ROOT).equals("none")) {
            problems.add(Problem.error(Reason.TOKEN_ALGORITHM_NOT_ALLOWED,
                    "unsigned tokens (alg none) are never accepted"));
        } else if (!config.algorithms().contains(a)) {
            problems.add(Problem.error(Reason.TOKEN_ALGORITHM_NOT_ALLOWED,
                    "the token's algorithm is not allowed for its issuer"));
        } else {
            result = a;
        }
        if (header.containsKey("crit")) {
            problems.add(Problem.error(Reason.TOKEN_CRITICAL_HEADER,
                    "the crit header names extensions that are not understood"));
        }
        if (header.containsKey("kid") && !(header.get("kid") instanceof String)) {
            problems.add(Problem.error(Reason.TOKEN_MALFORMED, "the kid header is not a string"));
        }
        if (config.isRfc9068()) {
            Object typ = header.get("typ");
            if (!(typ instanceof String t) || !TYP_9068.contains(t.toLowerCase(Locale.ROOT))) {
                problems.add(Problem.error(Reason.TOKEN_WRONG_TYPE,
                        "the typ header must be at+jwt (RFC 9068)"));
            }
        }
        return result;
    }

    /** Verifies the signature with this issuer's keys; returns the key that verified. */
    PublicJsonWebKey verify(JwsParts jws, String alg) {
        if (jws.signature().length == 0) {
            throw refuse(Reason.TOKEN_BAD_SIGNATURE, "the signature is empty");
        }
        if (alg.startsWith("HS")) {
            if (hmac == null || !verifyWith(jws, alg, hmac)) {
                throw refuse(Reason.TOKEN_BAD_SIGNATURE, "the signature does not verify");
            }
            return null;
        }
        String kid = jws.header().get("kid") instanceof String k ? k : null;
        List<PublicJsonWebKey> candidates = candidates(kid).stream()
                .filter(k -> fits(k, alg)).toList();
        if (candidates.isEmpty()) {
            throw refuse(Reason.TOKEN_UNKNOWN_KEY,
                    "no key of the token's issuer matches its kid and alg");
        }
        for (PublicJsonWebKey key : candidates) {
            if (signatureShapeFits(jws.signature(), key.getPublicKey(), alg)
                    && verifyWith(jws, alg, key.getPublicKey())) {
                return key;
            }
        }
        throw refuse(Reason.TOKEN_BAD_SIGNATURE, "the signature does not verify");
    }

    boolean stillHolds(PublicJsonWebKey key) {
        if (key == null || remote == null) {
            return true;
        }
        return remote.stillHolds(key);
    }

    boolean refresh() {
        if (remote == null) {
            return false;
        }
        try {
            remote.fetch(false).join();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<PublicJsonWebKey> candidates(String kid) {
        if (remote != null) {
            return remote.keys(kid);
        }
        return kid == null ? fixed : fixed.stream()
                .filter(k -> kid.equals(k.getKeyId())).toList();
    }

    private static boolean fits(PublicJsonWebKey key, String alg) {
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            return false;
        }
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return key.getPublicKey() instanceof RSAPublicKey;
        }
        if (alg.startsWith("ES") && key.getPublicKey() instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (alg) {
                case "ES256" -> bits == 256;
                case "ES384" -> bits == 384;
                case "ES512" -> bits == 521;
                default -> false;
            };
        }
        return false;
    }

    /**
     * Refuses signatures of the wrong length before the library sees them, and ECDSA
     * signatures whose r or s is zero (CVE-2022-21449 class), in the raw R||S form RFC 7518
     * §3.4 requires; a DER-encoded ECDSA signature has the wrong length.
     */
    private static boolean signatureShapeFits(byte[] sig, Key key, String alg) {
        if (key instanceof RSAPublicKey rsa) {
            return sig.length == (rsa.getModulus().bitLength() + 7) / 8;
        }
        if (key instanceof ECPublicKey ec) {
            int n = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            if (sig.length != 2 * n) {
                return false;
            }
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, n));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, n, 2 * n));
            BigInteger order = ec.getParams().getOrder();
            return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0
                    && s.compareTo(order) < 0;
        }
        return false;
    }

    private static boolean verifyWith(JwsParts parts, String alg, Key key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT, alg));
            jws.setCompactSerialization(parts.compact());
            jws.setKey(key);
            return jws.verifySignature();
        } catch (Exception e) {
            log.trace("Signature check failed: {}", e.getClass().getSimpleName());
            return false;
        }
    }

    private FhirGuardException refuse(Reason reason, String description) {
        log.debug("Token refused for issuer {}: {} ({})", config.issuer(), description,
                reason.code());
        return FhirGuardException.of(reason, description);
    }
}
