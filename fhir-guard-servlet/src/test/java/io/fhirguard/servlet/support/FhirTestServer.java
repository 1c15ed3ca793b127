package io.fhirguard.servlet.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.api.BundleInclusionRule;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.r4.model.Resource;

/**
 * A real HAPI {@link RestfulServer} on Jetty 12 (ee10) on 127.0.0.1 and a free port, serving
 * the synthetic patients at {@code /fhir}, with the filter under test in front of it.
 */
public final class FhirTestServer implements AutoCloseable {
    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private final Server server;
    private final ResourceStore store = new ResourceStore();
    private final ReceivedRequests received = new ReceivedRequests();

    private FhirTestServer(Filter filter, Map<String, String> initParameters,
            List<Resource> extra, boolean behindProxy) throws Exception {
        store.putAll(SyntheaData.load(CONTEXT));
        store.putAll(extra);

        RestfulServer fhir = new RestfulServer(CONTEXT);
        fhir.setResourceProviders(new PatientProvider(store), new ObservationProvider(store));
        fhir.setPlainProviders(new BatchProvider(store));
        fhir.registerInterceptor(received);
        // Pages only when a search asks for a small _count, so other tests see whole results;
        // the next links are HAPI's own (_getpages).
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(20);
        paging.setDefaultPageSize(1000);
        paging.setMaximumPageSize(1000);
        fhir.setPagingProvider(paging);
        // The providers attach included resources only when asked; HAPI then adds whatever is
        // attached, as a server that trusts its own include logic would.
        fhir.setBundleInclusionRule(BundleInclusionRule.BASED_ON_RESOURCE_PRESENCE);

        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        if (behindProxy) {
            // Lets a test mark a request as secure with X-Forwarded-Proto, as a TLS proxy would.
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder holder = new FilterHolder(filter);
        holder.setInitParameters(initParameters);
        context.addFilter(holder, "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        server.setHandler(context);
        server.start();
    }

    /**
     * Starts a server with the given filter in front of HAPI.
     *
     * @param filter the filter, already configured (or configured by init parameters)
     * @param initParameters the filter's init parameters
     * @param extra resources added to the synthetic ones
     * @return the running server
     * @throws Exception when Jetty cannot start (for example the filter's init fails)
     */
    public static FhirTestServer start(Filter filter, Map<String, String> initParameters,
            List<Resource> extra) throws Exception {
        return new FhirTestServer(filter, initParameters, extra, false);
    }

    /**
     * Starts a server that believes {@code X-Forwarded-*} headers, as one behind a TLS proxy.
     *
     * @param filter the filter
     * @param extra resources added to the synthetic ones
     * @return the running server
     * @throws Exception when Jetty cannot start
     */
    public static FhirTestServer startBehindProxy(Filter filter, List<Resource> extra)
            throws Exception {
        return new FhirTestServer(filter, Map.of(), extra, true);
    }

    /**
     * Returns the FHIR base URL, without a trailing slash.
     *
     * @return for example {@code http://127.0.0.1:41234/fhir}
     */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port() + "/fhir");
    }

    /**
     * Returns the port Jetty listens on.
     *
     * @return the port
     */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * Returns what HAPI received.
     *
     * @return the recorder
     */
    public ReceivedRequests received() {
        return received;
    }

    /**
     * Returns the resources HAPI serves.
     *
     * @return the store
     */
    public ResourceStore store() {
        return store;
    }

    /**
     * Returns the shared R4 context.
     *
     * @return the context
     */
    public static FhirContext fhirContext() {
        return CONTEXT;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
