package io.fhirguard.examples.demo;

import java.net.URI;
import java.util.Map;

/**
 * Plays the user at the embedded authorization server's login page: loads the page, then posts
 * its form (user name and claims JSON) as a browser would, and returns where the server
 * redirects, which is the app's callback with the code and state.
 *
 * @since 1.0
 */
public final class HeadlessLogin {
    private HeadlessLogin() {
    }

    /**
     * Signs in at an authorization URL.
     *
     * @param browser the client standing in for the browser
     * @param authorizationUri the authorization request URL the app redirected to
     * @param username the user name typed into the form
     * @param claimsJson the claims typed into the form, such as
     *     {@code {"patient":"123","scope":"patient/*.read"}}
     * @return the redirect target, the app's callback URL with {@code code} and {@code state}
     * @throws IllegalStateException if the page or the form post does not answer as a login
     *     page does
     */
    public static URI signIn(DemoHttp browser, URI authorizationUri, String username,
            String claimsJson) {
        Exchange page = browser.get(authorizationUri, null);
        if (page.status() != 200 || !page.body().contains("name=\"username\"")) {
            throw new IllegalStateException("expected the login page, got HTTP " + page.status());
        }
        Exchange posted = browser.postForm(authorizationUri,
                Map.of("username", username, "claims", claimsJson));
        String location = posted.header("Location").orElseThrow(() -> new IllegalStateException(
                "login form answered HTTP " + posted.status() + " without a redirect"));
        return URI.create(location);
    }
}
