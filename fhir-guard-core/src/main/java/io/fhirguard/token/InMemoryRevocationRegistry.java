package io.fhirguard.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation registry fhir-guard ships: revocations held in memory, by token id
 * ({@code jti}), by subject, by client, and an emergency "everything issued before" instant.
 *
 * <p>Subject, client and issued-before revocations cover tokens issued at or before the moment
 * of revocation (a token without {@code iat} is always covered, as it cannot prove otherwise);
 * tokens issued later pass, so a user can sign in again. Every entry expires once the tokens it
 * covers would have: a {@code jti} entry at the token's expiry plus the largest clock skew
 * (300 s), the others after {@code maxTokenLifetime} (default 24 h), which must be at least the
 * longest lifetime any trusted issuer grants. Expired entries are dropped on each change.
 *
 * <p>Thread-safe. Revocations are not persisted and not shared between processes: after a
 * restart, or on another node, they are gone. Use a registry of your own for that.
 * Subjects and clients are compared across issuers, so revoking subject {@code 42} covers
 * subject {@code 42} of every trusted issuer.
 *
 * @since 1.0
 */
public final class InMemoryRevocationRegistry implements RevocationRegistry {
    private static final Logger log = LoggerFactory.getLogger(InMemoryRevocationRegistry.class);

    private final Clock clock;
    private final Duration maxTokenLifetime;
    private final Map<String, Instant> jtis = new ConcurrentHashMap<>();
    private final Map<String, Cutoff> subjects = new ConcurrentHashMap<>();
    private final Map<String, Cutoff> clients = new ConcurrentHashMap<>();
    private volatile Cutoff issuedBefore;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    private record Cutoff(Instant at, Instant until) {
        boolean covers(AccessToken token, Instant now) {
            return now.isBefore(until)
                    && token.issuedAt().map(iat -> !iat.isAfter(at)).orElse(true);
        }
    }

    private InMemoryRevocationRegistry(Clock clock, Duration maxTokenLifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxTokenLifetime = Objects.requireNonNull(maxTokenLifetime, "maxTokenLifetime");
        if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
            throw new IllegalArgumentException("maxTokenLifetime: must be positive, got "
                    + maxTokenLifetime);
        }
    }

    /**
     * Creates an empty registry that keeps subject, client and issued-before revocations 24 h.
     *
     * @param clock the clock that decides expiry of entries
     * @return a new registry
     */
    public static InMemoryRevocationRegistry create(Clock clock) {
        return new InMemoryRevocationRegistry(clock, Duration.ofHours(24));
    }

    /**
     * Creates an empty registry.
     *
     * @param clock the clock that decides expiry of entries
     * @param maxTokenLifetime the longest lifetime of any accepted token; positive
     * @return a new registry
     * @throws IllegalArgumentException when {@code maxTokenLifetime} is not positive
     */
    public static InMemoryRevocationRegistry create(Clock clock, Duration maxTokenLifetime) {
        return new InMemoryRevocationRegistry(clock, maxTokenLifetime);
    }

    /**
     * Revokes one token by its {@code jti}.
     *
     * @param jti the token id
     * @param tokenExpiresAt the token's expiry; the entry is kept 300 s beyond it
     */
    public void revokeJti(String jti, Instant tokenExpiresAt) {
        Objects.requireNonNull(jti, "jti");
        jtis.put(jti, tokenExpiresAt.plus(TrustedIssuer.MAX_CLOCK_SKEW));
        changed("jti", jti);
    }

    /**
     * Revokes a validated token: by {@code jti} when it has one and an expiry, otherwise by
     * marking its subject.
     *
     * @param token the token to revoke
     * @throws IllegalArgumentException when the token has neither a {@code jti} with an
     *     expiry nor a subject
     */
    public void revoke(AccessToken token) {
        if (token.jti().isPresent() && token.expiresAt().isPresent()) {
            revokeJti(token.jti().get(), token.expiresAt().get());
        } else if (token.subject().isPresent()) {
            revokeSubject(token.subject().get());
        } else {
            throw new IllegalArgumentException("token: has neither jti with exp nor subject");
        }
    }

    /**
     * Revokes every token of a subject issued up to now.
     *
     * @param subject the {@code sub} value (for an API key, its principal)
     */
    public void revokeSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        subjects.put(subject, cutoff(clock.instant()));
        changed("subject", "***");
    }

    /**
     * Revokes every token issued to a client up to now.
     *
     * @param clientId the {@code client_id} value
     */
    public void revokeClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        clients.put(clientId, cutoff(clock.instant()));
        changed("client", clientId);
    }

    /**
     * Revokes every token issued before an instant, whoever it belongs to: the emergency
     * switch after a signing-key compromise. The cutoff only ever moves forward: a call with
     * an instant earlier than the one in force changes nothing but is still reported to the
     * listeners.
     *
     * @param instant tokens with {@code iat} at or before it (or without {@code iat}) fail
     */
    public synchronized void revokeIssuedBefore(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        Cutoff current = issuedBefore;
        if (current == null || !clock.instant().isBefore(current.until())
                || instant.isAfter(current.at())) {
            issuedBefore = cutoff(instant);
        }
        changed("issued-before", instant.toString());
    }

    /**
     * Returns the current "issued before" cutoff, while it is in force.
     *
     * @return the instant, or empty
     */
    public Optional<Instant> issuedBefore() {
        Cutoff c = issuedBefore;
        return c == null || !clock.instant().isBefore(c.until()) ? Optional.empty()
                : Optional.of(c.at());
    }

    @Override
    public boolean isRevoked(AccessToken token) {
        Instant now = clock.instant();
        Cutoff all = issuedBefore;
        if (all != null && all.covers(token, now)) {
            return true;
        }
        Instant jtiUntil = token.jti().map(jtis::get).orElse(null);
        if (jtiUntil != null && now.isBefore(jtiUntil)) {
            return true;
        }
        Cutoff bySubject = token.subject().map(subjects::get).orElse(null);
        if (bySubject != null && bySubject.covers(token, now)) {
            return true;
        }
        Cutoff byClient = token.clientId().map(clients::get).orElse(null);
        return byClient != null && byClient.covers(token, now);
    }

    @Override
    public void addChangeListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Counts the entries still in force, for monitoring.
     *
     * @return jti, subject and client entries plus one for an issued-before cutoff
     */
    public int size() {
        purge(clock.instant());
        return jtis.size() + subjects.size() + clients.size() + (issuedBefore().isPresent() ? 1 : 0);
    }

    private Cutoff cutoff(Instant at) {
        return new Cutoff(at, at.plus(maxTokenLifetime).plus(TrustedIssuer.MAX_CLOCK_SKEW));
    }

    private void changed(String kind, String what) {
        purge(clock.instant());
        log.info("Token revocation added: {} {}", kind, what);
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    private void purge(Instant now) {
        jtis.values().removeIf(until -> !now.isBefore(until));
        subjects.values().removeIf(c -> !now.isBefore(c.until()));
        clients.values().removeIf(c -> !now.isBefore(c.until()));
    }
}
