package io.fhirguard.examples.server;

import java.net.URI;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty 12 server bound to 127.0.0.1 only, with one servlet context that the caller fills.
 *
 * <p>Every example app and test starts its HTTP side through this class, so none of them ever
 * listens on a public interface. Port 0 picks a free port; {@link #port()} tells which. The
 * {@code Server} header and Jetty's version are not sent.
 *
 * <pre>{@code
 * try (LocalServer server = LocalServer.start(0, context ->
 *         context.addServlet(new ServletHolder(fhirServer), "/fhir/*"))) {
 *     URI base = server.uri("/fhir");
 * }
 * }</pre>
 *
 * @since 1.0
 */
public final class LocalServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalServer.class);

    /** The only address any example binds. */
    public static final String LOOPBACK = "127.0.0.1";

    private final Server server;
    private final int port;

    private LocalServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts Jetty on 127.0.0.1 with a servlet context at the root path.
     *
     * @param port the port, or 0 for a free one
     * @param setup adds servlets and filters to the context before the server starts
     * @return the running server
     * @throws IllegalStateException if Jetty cannot start, for example because the port is taken
     */
    public static LocalServer start(int port, Consumer<ServletContextHandler> setup) {
        return start(port, (context, boundPort) -> setup.accept(context));
    }

    /**
     * Binds 127.0.0.1 first and then lets the caller fill the servlet context knowing the port,
     * for apps whose configuration names their own URL (such as a token audience).
     *
     * @param port the port, or 0 for a free one
     * @param setup adds servlets and filters; receives the context and the bound port
     * @return the running server
     * @throws IllegalStateException if Jetty cannot start, for example because the port is taken
     */
    public static LocalServer start(int port, BiConsumer<ServletContextHandler, Integer> setup) {
        Objects.requireNonNull(setup, "setup");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server,
                new HttpConnectionFactory(http));
        connector.setHost(LOOPBACK);
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopTimeout(2_000);
        try {
            connector.open();
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            setup.accept(context, connector.getLocalPort());
            server.setHandler(context);
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("cannot start HTTP server on " + LOOPBACK + ":" + port
                    + ": " + e.getMessage(), e);
        }
        int actual = connector.getLocalPort();
        log.debug("HTTP server started on {}:{}", LOOPBACK, actual);
        return new LocalServer(server, actual);
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the bound port, never 0
     */
    public int port() {
        return port;
    }

    /**
     * Builds an absolute URI on this server.
     *
     * @param path an absolute path such as {@code /fhir}
     * @return {@code http://127.0.0.1:<port><path>}
     */
    public URI uri(String path) {
        return URI.create("http://" + LOOPBACK + ":" + port + path);
    }

    /** Stops the server, waiting up to two seconds for open requests. */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            // Idle keep-alive connections outlived the 2-second grace period; they are closed
            // anyway, so this is not worth a warning.
            log.debug("HTTP server stopped after the grace period: {}", e.toString());
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
    }
}
