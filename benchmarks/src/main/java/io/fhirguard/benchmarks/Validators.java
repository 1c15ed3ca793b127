package io.fhirguard.benchmarks;

import io.fhirguard.token.JwtValidator;
import io.fhirguard.token.JwtValidatorConfig;
import io.fhirguard.token.TrustedIssuer;

/** fhir-guard JWT validators configured for a {@link JwtFixture}'s keys. */
public final class Validators {
    private Validators() {
    }

    /**
     * Creates a validator that trusts the fixture's issuer and key and nothing else.
     *
     * @param fixture the keys and algorithm
     * @param cacheSize the verified-token cache size; 0 turns the cache off (cold validation)
     * @return the validator; close it when done
     */
    public static JwtValidator jwt(JwtFixture fixture, int cacheSize) {
        TrustedIssuer.Builder issuer = TrustedIssuer.builder(JwtFixture.ISSUER)
                .audiences(JwtFixture.AUDIENCE)
                .algorithms(fixture.algorithm());
        if (fixture.isHmac()) {
            issuer.hmacSecret(fixture.hmacSecret());
        } else {
            issuer.staticKeys(fixture.publicJwks());
        }
        return JwtValidator.create(JwtValidatorConfig.builder()
                .issuer(issuer.build())
                .verifiedCacheSize(cacheSize)
                .build());
    }
}
