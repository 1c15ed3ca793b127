package io.fhirguard.token.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.ApiKeyConfig;
import io.fhirguard.token.ApiKeyValidator;
import io.fhirguard.token.CredentialKind;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks API keys against configured SHA-256 hashes in constant time. Not API. */
public final class DefaultApiKeyValidator implements ApiKeyValidator {
    private static final Logger log = LoggerFactory.getLogger(DefaultApiKeyValidator.class);
    private static final int MAX_KEY_LENGTH = 1024;

    private final ApiKeyConfig config;
    private final List<byte[]> hashes;

    /**
     * Creates the validator.
     *
     * @param config the configuration
     */
    public DefaultApiKeyValidator(ApiKeyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.hashes = config.keys().stream()
                .map(k -> HexFormat.of().parseHex(k.sha256Hex())).toList();
    }

    @Override
    public String headerName() {
        return config.headerName();
    }

    @Override
    public AccessToken validate(String credential) {
        Objects.requireNonNull(credential, "credential");
        if (credential.length() > MAX_KEY_LENGTH) {
            throw FhirGuardException.of(Reason.TOKEN_TOO_LARGE, "the API key is too long");
        }
        byte[] presented = Hashes.sha256(credential);
        int match = -1;
        // Every hash is compared, whatever matched earlier, so timing reveals nothing.
        for (int i = 0; i < hashes.size(); i++) {
            if (MessageDigest.isEqual(presented, hashes.get(i))) {
                match = i;
            }
        }
        String fingerprint = HexFormat.of().formatHex(presented);
        if (match < 0) {
            log.debug("API key refused: fp {} matches no key (token-unknown-api-key)",
                    fingerprint.substring(0, 12));
            throw FhirGuardException.of(Reason.TOKEN_UNKNOWN_API_KEY, "the API key is not known");
        }
        ApiKeyConfig.ApiKey key = config.keys().get(match);
        AccessToken token = AccessToken.builder(CredentialKind.API_KEY, fingerprint)
                .subject(key.principal()).scopes(key.scopes())
                .claims(Map.of("sub", key.principal(), "scope", String.join(" ", key.scopes())))
                .build();
        if (config.revocationRegistry().map(r -> r.isRevoked(token)).orElse(false)) {
            log.debug("API key refused: principal {} revoked (token-revoked)", key.principal());
            throw FhirGuardException.of(Reason.TOKEN_REVOKED, "the API key has been revoked");
        }
        return token;
    }
}
