package io.fhirguard.benchmarks.load;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty on 127.0.0.1 and an ephemeral port, serving one servlet at {@code /fhir/*}, with an
 * optional filter in front of it on the same mapping.
 */
public final class LoopbackJetty implements AutoCloseable {
    private final Server server;
    private final URI base;

    private LoopbackJetty(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    /**
     * Starts Jetty.
     *
     * @param servlet the FHIR servlet
     * @param filter a filter for {@code /fhir/*}, or null for none
     * @param threads Jetty's maximum worker threads
     * @return the running server
     * @throws Exception when Jetty cannot start
     */
    public static LoopbackJetty start(HttpServlet servlet, Filter filter, int threads)
            throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(8, threads));
        pool.setName(filter == null ? "bare" : "secured");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/fhir/*");
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/fhir/*",
                    EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
        return new LoopbackJetty(server,
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/fhir/"));
    }

    /** @return the FHIR base URL, ending in {@code /} */
    public URI base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
