package io.fhirguard.client.internal;

import io.fhirguard.client.OAuthClientException;
import io.fhirguard.client.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one token and refreshes it ahead of expiry, single-flight: while a fetch runs, every
 * other caller waits for it and gets its result or its exception.
 *
 * <p>A token counts as fresh until {@code obtainedAt + max(lifetime - skew, lifetime / 2)}, so a
 * short-lived token is not refreshed on every call. If a refresh fails while the old token has
 * not yet expired, the old token is returned (and a WARN logged) rather than failing a request
 * that would still succeed.
 */
public final class TokenCache {
    private static final Logger log = LoggerFactory.getLogger(TokenCache.class);

    private final Supplier<TokenResponse> fetcher;
    private final Clock clock;
    private final Duration skew;
    private final Duration defaultLifetime;

    private final Object lock = new Object();
    private TokenResponse current;
    private Instant refreshAt;
    private Instant expiresAt;
    private CompletableFuture<TokenResponse> inFlight;
    /** Counts {@link #clear()} calls, so a fetch that started before one does not undo it. */
    private long clears;

    /** Creates an empty cache. */
    public TokenCache(Supplier<TokenResponse> fetcher, Clock clock, Duration skew,
            Duration defaultLifetime) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.skew = skew;
        this.defaultLifetime = defaultLifetime;
    }

    /** Returns a fresh token, fetching one (once, for all waiting callers) when needed. */
    public TokenResponse get() {
        CompletableFuture<TokenResponse> future;
        boolean leader = false;
        long clearsSeen;
        synchronized (lock) {
            clearsSeen = clears;
            if (current != null && clock.instant().isBefore(refreshAt)) {
                return current;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            future = inFlight;
        }
        if (leader) {
            fetchAndPublish(future, clearsSeen);
        }
        return await(future);
    }

    private void fetchAndPublish(CompletableFuture<TokenResponse> future, long clearsSeen) {
        try {
            TokenResponse fetched = fetcher.get();
            synchronized (lock) {
                if (clears == clearsSeen) {
                    store(fetched);
                }
                inFlight = null;
            }
            future.complete(fetched);
        } catch (RuntimeException | Error e) {
            TokenResponse stillValid;
            synchronized (lock) {
                inFlight = null;
                stillValid = current != null && clock.instant().isBefore(expiresAt)
                        && !isInvalidGrant(e) ? current : null;
            }
            if (stillValid != null) {
                log.warn("Token refresh failed, keeping the unexpired token {}: {}",
                        RandomValues.fingerprint(stillValid.accessToken()), e.getMessage());
                future.complete(stillValid);
            } else {
                future.completeExceptionally(e);
            }
        }
    }

    private static boolean isInvalidGrant(Throwable e) {
        return e instanceof OAuthClientException o && o.isInvalidGrant();
    }

    private static TokenResponse await(CompletableFuture<TokenResponse> future) {
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("token fetch failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthClientException.of(OAuthClientException.Category.UNREACHABLE,
                    "interrupted while waiting for a token", e);
        }
    }

    /** Puts a token obtained elsewhere (a code exchange) into the cache. */
    public void seed(TokenResponse token) {
        synchronized (lock) {
            store(token);
        }
    }

    private void store(TokenResponse token) {
        Duration lifetime = token.expiresIn().orElse(defaultLifetime);
        Duration early = lifetime.minus(skew);
        Duration half = lifetime.dividedBy(2);
        // Compute both instants before changing anything, so a failure leaves the cache whole.
        Instant newExpiresAt = token.obtainedAt().plus(lifetime);
        Instant newRefreshAt = token.obtainedAt().plus(early.compareTo(half) > 0 ? early : half);
        current = token;
        expiresAt = newExpiresAt;
        refreshAt = newRefreshAt;
    }

    /** Drops the token if it is still the given one. */
    public boolean invalidate(String accessToken) {
        synchronized (lock) {
            if (current != null && current.accessToken().equals(accessToken)) {
                current = null;
                return true;
            }
            return false;
        }
    }

    /** Drops whatever token is cached; a fetch already running does not store its result. */
    public void clear() {
        synchronized (lock) {
            current = null;
            clears++;
        }
    }

    /** The cached token, fresh or not, without fetching. */
    public TokenResponse peek() {
        synchronized (lock) {
            return current;
        }
    }
}
