/**
 * OAuth 2.0 access tokens for HAPI FHIR clients: authorization-server discovery, client
 * authentication ({@code client_secret_basic}, {@code client_secret_post},
 * {@code private_key_jwt}), the client-credentials and authorization-code (PKCE S256) grants,
 * a single-flight token cache that refreshes ahead of expiry, token revocation, dynamic client
 * registration, and a HAPI client interceptor that sends {@code Authorization: Bearer}.
 *
 * <p>Start with {@link io.fhirguard.client.AuthorizationServerMetadata#discover}, pick a
 * {@link io.fhirguard.client.ClientAuthentication}, build a
 * {@link io.fhirguard.client.TokenSource} and hand it to
 * {@link io.fhirguard.client.SecuredFhirClients#create}.
 *
 * <p>Nothing in this package logs or puts into an exception message a token, a client secret,
 * a private key or a client assertion; {@code toString()} of every type holding one masks it.
 *
 * @since 1.0
 */
package io.fhirguard.client;
