package io.fhirguard.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;

/** mock-oauth2-server on loopback, with helpers to read what it received. */
final class MockServer implements AutoCloseable {
    static final String ISSUER_ID = "default";

    final MockOAuth2Server server = new MockOAuth2Server();

    MockServer() {
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    URI issuer() {
        return server.issuerUrl(ISSUER_ID).uri();
    }

    OAuthHttpConfig http() {
        return OAuthHttpConfig.builder().requireHttps(false).build();
    }

    AuthorizationServerMetadata metadata() {
        return AuthorizationServerMetadata.discover(issuer(), http());
    }

    /** Every request received so far, oldest first. */
    List<RecordedRequest> drain() {
        List<RecordedRequest> out = new ArrayList<>();
        while (true) {
            try {
                // Every request the test made has completed, so it is already queued; the
                // short wait only confirms the queue is empty (the server throws then).
                out.add(server.takeRequest(50, TimeUnit.MILLISECONDS));
            } catch (RuntimeException empty) {
                return out;
            }
        }
    }

    List<RecordedRequest> tokenRequests() {
        return drain().stream().filter(r -> r.getPath().endsWith("/token")).toList();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
