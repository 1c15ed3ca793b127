package io.fhirguard.token.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.token.JwtValidatorConfig;
import io.fhirguard.token.TrustedIssuer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.PublicJsonWebKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote key set of one issuer: fetched on first use, refreshed in the background once its
 * TTL passes (old keys serve meanwhile, up to the staleness bound), refetched at most once per
 * interval for an unknown kid, single-flight throughout.
 */
final class JwksCache {
    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);
    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])max-age=(\\d{1,10})");
    /** After a failed fetch, no new attempt for this long (protects a struggling server). */
    static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);

    private final TrustedIssuer issuer;
    private final JwtValidatorConfig config;
    private final Clock clock;
    private final HttpFetcher http;
    private final Executor executor;

    private volatile Snapshot snapshot;
    private volatile URI discoveredJwksUri;
    private final Object lock = new Object();
    private CompletableFuture<Snapshot> inFlight;
    private Instant lastUnknownKidFetch = Instant.MIN;
    private Instant lastFailure = Instant.MIN;
    private volatile boolean lastFetchFailed;

    record Snapshot(List<PublicJsonWebKey> keys, Instant freshUntil, Instant usableUntil) {
    }

    JwksCache(TrustedIssuer issuer, JwtValidatorConfig config, HttpFetcher http,
            Executor executor) {
        this.issuer = issuer;
        this.config = config;
        this.clock = config.clock();
        this.http = http;
        this.executor = executor;
    }

    /** Returns the keys to try for this kid (null: no kid), or an empty list when unknown. */
    List<PublicJsonWebKey> keys(String kid) {
        Snapshot s = current();
        List<PublicJsonWebKey> found = select(s, kid);
        if (!found.isEmpty()) {
            return found;
        }
        return select(refetchForUnknownKid(s), kid);
    }

    /** Tells whether the key is still in the current key set (for verified-token cache hits). */
    boolean stillHolds(PublicJsonWebKey key) {
        Snapshot s = snapshot;
        return s != null && clock.instant().isBefore(s.usableUntil())
                && s.keys().stream().anyMatch(k -> k.getPublicKey().equals(key.getPublicKey()));
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && now.isBefore(s.freshUntil())) {
            return s;
        }
        if (s != null && now.isBefore(s.usableUntil())) {
            if (mayAttempt(now)) {
                fetch(true);
            }
            // A synchronous executor has already replaced the snapshot; an asynchronous one
            // leaves the old keys serving until the refresh lands.
            return snapshot;
        }
        if (!mayAttempt(now)) {
            throw unavailable("key server failed recently", null);
        }
        return await(fetch(false));
    }

    private Snapshot refetchForUnknownKid(Snapshot s) {
        Instant now = clock.instant();
        synchronized (lock) {
            boolean windowOpen = !now.isBefore(lastUnknownKidFetch.plus(
                    config.unknownKidRefetchInterval()));
            if (!windowOpen && inFlight == null) {
                if (lastFetchFailed) {
                    throw unavailable("the key server of the token's issuer is unavailable",
                            null);
                }
                return s;
            }
            if (inFlight == null) {
                lastUnknownKidFetch = now;
            }
        }
        log.debug("Unknown kid for issuer {}: refetching its key set", issuer.issuer());
        return await(fetch(false));
    }

    private boolean mayAttempt(Instant now) {
        synchronized (lock) {
            return inFlight != null || !now.isBefore(lastFailure.plus(FAILURE_BACKOFF));
        }
    }

    /** Starts (or joins) the one fetch in flight. */
    CompletableFuture<Snapshot> fetch(boolean background) {
        CompletableFuture<Snapshot> f;
        boolean owner = false;
        synchronized (lock) {
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                owner = true;
            }
            f = inFlight;
        }
        if (owner) {
            CompletableFuture<Snapshot> mine = f;
            Runnable task = () -> run(mine);
            if (background) {
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException e) {
                    run(mine);
                }
            } else {
                task.run();
            }
        }
        return f;
    }

    private void run(CompletableFuture<Snapshot> f) {
        try {
            Snapshot s = load();
            snapshot = s;
            lastFetchFailed = false;
            log.info("Key set of issuer {} refreshed: {} usable keys", issuer.issuer(),
                    s.keys().size());
            f.complete(s);
        } catch (Exception e) {
            synchronized (lock) {
                lastFailure = clock.instant();
            }
            lastFetchFailed = true;
            Snapshot old = snapshot;
            if (old != null && clock.instant().isBefore(old.usableUntil())) {
                log.warn("Key set of issuer {} could not be refreshed: {}; cached keys serve"
                        + " until {}", issuer.issuer(), e.getMessage(), old.usableUntil());
            } else {
                log.error("Key set of issuer {} could not be fetched: {}; tokens needing it get"
                        + " 503 (token-key-server-unavailable)", issuer.issuer(), e.getMessage());
            }
            f.completeExceptionally(e);
        } finally {
            synchronized (lock) {
                if (inFlight == f) {
                    inFlight = null;
                }
            }
        }
    }

    private Snapshot await(CompletableFuture<Snapshot> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw unavailable("the key server of the token's issuer is unavailable", e.getCause());
        }
    }

    private FhirGuardException unavailable(String what, Throwable cause) {
        return FhirGuardException.builder(Reason.TOKEN_KEY_SERVER_UNAVAILABLE,
                what + "; try again later").retryAfter(FAILURE_BACKOFF).cause(cause).build();
    }

    private Snapshot load() throws IOException {
        URI uri = jwksUri();
        HttpFetcher.Response r = http.get(uri);
        if (r.status() != 200) {
            throw new IOException("JWKS answered HTTP " + r.status());
        }
        List<PublicJsonWebKey> keys;
        try {
            keys = StaticKeys.parseJwks(r.body());
        } catch (StrictJson.JsonException e) {
            throw new IOException("JWKS is " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IOException("JWKS holds no usable key");
        }
        Instant now = clock.instant();
        Instant fresh = now.plus(ttl(r.cacheControl()));
        return new Snapshot(keys, fresh, fresh.plus(config.maxKeyStaleness()));
    }

    private URI jwksUri() throws IOException {
        if (issuer.jwksUri().isPresent()) {
            return issuer.jwksUri().get();
        }
        URI known = discoveredJwksUri;
        if (known != null) {
            return known;
        }
        String base = issuer.issuer().endsWith("/")
                ? issuer.issuer().substring(0, issuer.issuer().length() - 1) : issuer.issuer();
        HttpFetcher.Response r = http.get(URI.create(base + issuer.discovery().get().path()));
        if (r.status() != 200) {
            throw new IOException("discovery answered HTTP " + r.status());
        }
        Map<String, Object> doc;
        try {
            doc = new StrictJson(8).parseObject(r.body());
        } catch (StrictJson.JsonException e) {
            throw new IOException("discovery document is " + e.getMessage(), e);
        }
        Object iss = doc.get("issuer");
        if (iss != null && !issuer.issuer().equals(iss)) {
            throw new IOException("discovery document names issuer " + iss + ", not the"
                    + " configured " + issuer.issuer() + " (compared exactly, trailing slash"
                    + " included)");
        }
        if (!(doc.get("jwks_uri") instanceof String text)) {
            throw new IOException("discovery document has no jwks_uri string");
        }
        List<String> problems = new ArrayList<>();
        URI uri = ConfigChecks.toUri(text);
        ConfigChecks.checkUri("jwks_uri", uri, issuer.isInsecureHttpAllowed(), problems);
        if (!problems.isEmpty()) {
            throw new IOException(problems.get(0));
        }
        discoveredJwksUri = uri;
        return uri;
    }

    private Duration ttl(String cacheControl) {
        Duration ttl = config.defaultKeyTtl();
        if (cacheControl != null) {
            Matcher m = MAX_AGE.matcher(cacheControl);
            if (cacheControl.toLowerCase(Locale.ROOT).contains("no-store")
                    || cacheControl.toLowerCase(Locale.ROOT).contains("no-cache")) {
                ttl = config.minKeyTtl();
            } else if (m.find()) {
                ttl = Duration.ofSeconds(Long.parseLong(m.group(1)));
            }
        }
        if (ttl.compareTo(config.minKeyTtl()) < 0) {
            return config.minKeyTtl();
        }
        return ttl.compareTo(config.maxKeyTtl()) > 0 ? config.maxKeyTtl() : ttl;
    }

    static List<PublicJsonWebKey> select(Snapshot s, String kid) {
        Objects.requireNonNull(s, "snapshot");
        if (kid == null) {
            return s.keys();
        }
        return s.keys().stream().filter(k -> kid.equals(k.getKeyId())).toList();
    }
}
