package io.fhirguard.ratelimit;

import io.fhirguard.refusal.Reason;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which budget a request is counted against and asks the {@link RateLimiterStore}.
 *
 * <p>Key: an API key credential is counted under its hash ({@link RateLimitKey.Kind#API_KEY});
 * other tokens under the first of {@link RateLimitConfig#tokenKeyOrder()} they carry
 * ({@code client_id}, then subject, by default); a token with neither is counted under the
 * client address. Requests without valid credentials are counted per address in the stricter
 * {@link RateLimitConfig#unauthenticatedTier()}.
 *
 * <p>Tier, most specific first: the client's override, then the most generous override among the
 * token's roles, then the tier for the key's kind, then the default tier.
 *
 * <p>Use it in this order: {@link #checkUnauthenticated(String)} before validating a credential
 * (so an address that already failed too often is refused before any signature check), then
 * {@link #acquire(AccessToken, String)} after successful validation, or
 * {@link #acquireUnauthenticated(String)} when there is no credential or it failed. A refused
 * result becomes a 429 through {@link RateLimitResult#toRefusal()}.
 *
 * <p>Thread-safe; a store failure propagates as thrown by the store.
 *
 * @since 1.0
 */
public final class RateLimitPolicy {
    private static final Logger log = LoggerFactory.getLogger(RateLimitPolicy.class);

    private final RateLimitConfig config;
    private final RateLimiterStore store;

    private RateLimitPolicy(RateLimitConfig config, RateLimiterStore store) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Creates a policy over a given store, for example a distributed one.
     *
     * @param config the limits
     * @param store where budgets are kept
     * @return the policy
     */
    public static RateLimitPolicy of(RateLimitConfig config, RateLimiterStore store) {
        return new RateLimitPolicy(config, store);
    }

    /**
     * Creates a policy over a new in-memory store ({@link RateLimiterStore#inMemory}).
     *
     * @param config the limits, bounds and clock
     * @return the policy
     */
    public static RateLimitPolicy inMemory(RateLimitConfig config) {
        return new RateLimitPolicy(config, RateLimiterStore.inMemory(config));
    }

    /**
     * Counts a request made with a validated credential.
     *
     * @param token the validated credential
     * @param clientAddress the client address, used as key when the token names no client or
     *     subject
     * @return the store's answer; refusals carry {@link Reason#RATE_LIMITED}
     */
    public RateLimitResult acquire(AccessToken token, String clientAddress) {
        RateLimitKey key = keyFor(token, clientAddress);
        RateLimitTier tier = tierFor(token, key);

        RateLimitResult result = store.tryAcquire(key, tier).withReason(Reason.RATE_LIMITED);

        if (!result.isPermitted()) {
            log.debug("request refused, rate-limited: key={} tier={} token={}", key, tier.name(),
                    token.jti().orElse(token.shortFingerprint()));
        }
        return result;
    }

    /**
     * Counts a request without a credential, or whose credential failed validation, against the
     * address's strict budget.
     *
     * @param clientAddress the client address from {@link ClientAddressResolver}
     * @return the store's answer; refusals carry {@link Reason#RATE_LIMITED_UNAUTHENTICATED}
     */
    public RateLimitResult acquireUnauthenticated(String clientAddress) {
        RateLimitKey key = RateLimitKey.of(RateLimitKey.Kind.ADDRESS, clientAddress);
        RateLimitResult result = store.tryAcquire(key, config.unauthenticatedTier())
                .withReason(Reason.RATE_LIMITED_UNAUTHENTICATED);
        if (!result.isPermitted()) {
            log.debug("request refused, rate-limited-unauthenticated: key={}", key);
        }
        return result;
    }

    /**
     * Tells, without counting, whether the address still has budget for unauthenticated
     * requests.
     *
     * @param clientAddress the client address
     * @return permitted when budget is left; refused (with {@link
     *     Reason#RATE_LIMITED_UNAUTHENTICATED}) when the address must wait
     */
    public RateLimitResult checkUnauthenticated(String clientAddress) {
        RateLimitKey key = RateLimitKey.of(RateLimitKey.Kind.ADDRESS, clientAddress);
        return store.peek(key, config.unauthenticatedTier())
                .withReason(Reason.RATE_LIMITED_UNAUTHENTICATED);
    }

    /**
     * Returns the key a validated credential is counted under.
     *
     * @param token the credential
     * @param clientAddress the fallback when the token names no client or subject
     * @return the key
     */
    public RateLimitKey keyFor(AccessToken token, String clientAddress) {
        if (token.kind() == CredentialKind.API_KEY) {
            return RateLimitKey.of(RateLimitKey.Kind.API_KEY, token.fingerprint());
        }
        for (RateLimitKey.Kind kind : config.tokenKeyOrder()) {
            Optional<String> value = kind == RateLimitKey.Kind.CLIENT_ID ? token.clientId()
                    : token.subject();
            if (value.isPresent() && !value.get().isEmpty()) {
                return RateLimitKey.of(kind, value.get());
            }
        }
        return RateLimitKey.of(RateLimitKey.Kind.ADDRESS, clientAddress);
    }

    /**
     * Returns the tier a credential's requests are counted in.
     *
     * @param token the credential
     * @param key the key from {@link #keyFor(AccessToken, String)}
     * @return the most specific tier that applies
     */
    public RateLimitTier tierFor(AccessToken token, RateLimitKey key) {
        Optional<RateLimitTier> client = token.clientId().map(config.clientTiers()::get);
        if (client.isPresent()) {
            return client.get();
        }
        Optional<RateLimitTier> role = token.roles().stream().map(config.roleTiers()::get)
                .filter(Objects::nonNull)
                .max(Comparator.comparingDouble(RateLimitTier::requestsPerSecond));
        return role.or(() -> config.tierFor(key.kind())).orElse(config.defaultTier());
    }
}
