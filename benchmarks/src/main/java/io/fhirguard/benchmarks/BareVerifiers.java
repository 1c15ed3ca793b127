package io.fhirguard.benchmarks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * The floor fhir-guard's JWT validation is compared with: a bare jose4j {@code JwtConsumer} and
 * a bare Nimbus {@code DefaultJWTProcessor}, each doing the same checks once set up: signature
 * with the one key, algorithm allow-list of one, exact issuer, audience, required {@code exp},
 * {@code nbf}/{@code exp} with 60 s skew. Neither maps claims to an access token, hashes the
 * token or looks a key up by {@code kid}; that is the work fhir-guard adds.
 */
public final class BareVerifiers {
    private static final int SKEW_SECONDS = 60;

    private BareVerifiers() {
    }

    /**
     * Builds a jose4j consumer for the fixture's algorithm and key.
     *
     * @param fixture the keys
     * @return a consumer; {@code processToClaims} is thread-safe once built
     */
    public static JwtConsumer jose4j(JwtFixture fixture) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(SKEW_SECONDS)
                .setExpectedIssuer(JwtFixture.ISSUER)
                .setExpectedAudience(JwtFixture.AUDIENCE)
                .setVerificationKey(fixture.verificationKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        fixture.algorithm())
                .build();
    }

    /**
     * Builds a Nimbus processor for the fixture's algorithm and key.
     *
     * @param fixture the keys
     * @return a processor; {@code process} is thread-safe once configured
     */
    public static DefaultJWTProcessor<SecurityContext> nimbus(JwtFixture fixture) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        JWSAlgorithm alg = JWSAlgorithm.parse(fixture.algorithm());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg,
                new ImmutableJWKSet<>(new JWKSet(nimbusKey(fixture)))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                JwtFixture.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(JwtFixture.ISSUER).build(),
                Set.of("exp"));
        claims.setMaxClockSkew(SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    private static JWK nimbusKey(JwtFixture fixture) {
        if (fixture.isHmac()) {
            return new OctetSequenceKey.Builder(fixture.hmacSecret()).keyID(fixture.keyId())
                    .build();
        }
        if (fixture.verificationKey() instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).keyID(fixture.keyId()).build();
        }
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) fixture.verificationKey())
                .keyID(fixture.keyId()).build();
    }
}
