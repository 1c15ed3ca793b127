package io.fhirguard.client.internal;

import io.fhirguard.client.AssertionAudience;
import io.fhirguard.client.ClientAuthentication;
import io.fhirguard.client.PrivateKeyJwtConfig;
import io.fhirguard.client.TokenEndpointRequest;
import java.util.Objects;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** {@code private_key_jwt} (RFC 7523 §2.2, SMART Backend Services). */
public final class PrivateKeyJwtAuthentication implements ClientAuthentication {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final PrivateKeyJwtConfig config;

    /** Creates the authentication. */
    public PrivateKeyJwtAuthentication(PrivateKeyJwtConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String clientId() {
        return config.clientId();
    }

    @Override
    public String method() {
        return "private_key_jwt";
    }

    @Override
    public void authenticate(TokenEndpointRequest request) {
        String audience = config.audience() == AssertionAudience.ISSUER
                ? request.issuer().toString() : request.endpoint().toString();
        request.setParameter("client_assertion_type", ASSERTION_TYPE);
        request.setParameter("client_assertion", sign(audience));
    }

    private String sign(String audience) {
        long now = config.clock().instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.clientId());
        claims.setSubject(config.clientId());
        claims.setAudience(audience);
        claims.setJwtId(RandomValues.urlSafe(16));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + config.lifetime().toSeconds()));

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(config.signingKey().privateKey());
        jws.setAlgorithmHeaderValue(config.signingKey().algorithm());
        jws.setKeyIdHeaderValue(config.signingKey().keyId());
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            // A key that SigningKey accepted but the provider cannot use: a setup fault.
            throw new IllegalStateException("client assertion could not be signed with key "
                    + config.signingKey().keyId(), e);
        }
    }

    @Override
    public String toString() {
        return "private_key_jwt[clientId=" + config.clientId() + ", kid="
                + config.signingKey().keyId() + "]";
    }
}
