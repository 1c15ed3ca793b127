package io.fhirguard.client;

import io.fhirguard.client.OAuthClientException.Category;
import io.fhirguard.client.internal.TokenCache;
import io.fhirguard.client.internal.TokenEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of one completed authorization (one user, one launch), refreshed with the refresh
 * token ahead of expiry. Made by {@link AuthorizationCodeFlow#complete}.
 *
 * <p>Refresh tokens rotate: a new refresh token in a refresh response replaces the old one; a
 * response without one keeps the old one (RFC 6749 §6). When the server answers a refresh with
 * {@code invalid_grant} (the refresh token expired or was revoked), the cached access and
 * refresh tokens are dropped and every later {@link #token()} fails at once with
 * {@link Category#REAUTHORIZATION_REQUIRED} without calling the server again: the user must
 * authorize again. The same happens when the access token is due and no refresh token was
 * issued.
 *
 * <p>Thread-safe and single-flight, like {@link ClientCredentialsTokenSource}.
 *
 * @since 1.0
 */
public final class AuthorizationCodeTokenSource implements TokenSource {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationCodeTokenSource.class);

    private final TokenEndpoint endpoint;
    private final TokenCache cache;
    private final Object refreshLock = new Object();
    private volatile String refreshToken;
    /** Counts {@link #clear()} calls, so a refresh that started before one does not undo it. */
    private long clears;

    AuthorizationCodeTokenSource(TokenResponse initial, TokenEndpoint endpoint, Clock clock,
            Duration refreshSkew, Duration defaultLifetime) {
        this.endpoint = endpoint;
        this.refreshToken = initial.refreshToken().orElse(null);
        this.cache = new TokenCache(this::refresh, clock, refreshSkew, defaultLifetime);
        cache.seed(initial);
    }

    /**
     * Returns the current access token, refreshing it first when it is due.
     *
     * @return a fresh token; its {@link TokenResponse#parameter(String)} carries the SMART
     *     launch context ({@code patient}, {@code encounter}) of the latest response
     * @throws OAuthClientException {@link Category#REAUTHORIZATION_REQUIRED} when the refresh
     *     token is gone or refused; other categories when the server cannot be reached
     */
    @Override
    public TokenResponse token() {
        return cache.get();
    }

    @Override
    public void invalidate(String rejectedAccessToken) {
        cache.invalidate(rejectedAccessToken);
    }

    /**
     * Tells whether a refresh token is held, so {@link #token()} can renew without the user.
     *
     * @return true while a refresh token is held
     */
    public boolean hasRefreshToken() {
        return refreshToken != null;
    }

    /**
     * Forgets the access and refresh tokens held here (for example at sign-out); revoke them at
     * the server first with {@link TokenRevoker} if they should stop working everywhere. A
     * refresh already running when this is called fails with
     * {@link Category#REAUTHORIZATION_REQUIRED} and keeps nothing it received.
     */
    public void clear() {
        synchronized (refreshLock) {
            refreshToken = null;
            clears++;
        }
        cache.clear();
    }

    private TokenResponse refresh() {
        String current;
        long clearsSeen;
        synchronized (refreshLock) {
            current = refreshToken;
            clearsSeen = clears;
        }
        if (current == null) {
            throw OAuthClientException.of(Category.REAUTHORIZATION_REQUIRED,
                    "access token is due and no refresh token is held; authorize again");
        }
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "refresh_token");
        grant.put("refresh_token", current);
        TokenResponse response;
        try {
            response = endpoint.requestToken(grant);
        } catch (OAuthClientException e) {
            if (e.isInvalidGrant()) {
                clear();
                log.debug("Refresh token refused with invalid_grant; tokens dropped");
                throw OAuthClientException.ofResponse(Category.REAUTHORIZATION_REQUIRED,
                        "refresh token was refused; authorize again", "invalid_grant",
                        e.errorDescription().orElse(null), e.httpStatus().orElse(400));
            }
            throw e;
        }
        String rotated = response.refreshToken().orElse(current);
        synchronized (refreshLock) {
            if (clears != clearsSeen) {
                // Signed out while this refresh ran: its tokens must not bring the session back.
                throw OAuthClientException.of(Category.REAUTHORIZATION_REQUIRED,
                        "tokens were cleared while a refresh was running; authorize again");
            }
            refreshToken = rotated;
        }
        return response.toBuilder().refreshToken(rotated).build();
    }

    @Override
    public String toString() {
        return "AuthorizationCodeTokenSource[refreshToken=" + (hasRefreshToken() ? "****" : "none")
                + "]";
    }
}
