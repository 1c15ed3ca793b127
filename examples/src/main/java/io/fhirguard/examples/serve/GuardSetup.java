package io.fhirguard.examples.serve;

import io.fhirguard.audit.JsonLinesAuditSink;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.auth.EmbeddedAuthorizationServer;
import io.fhirguard.servlet.FhirGuardFilter;
import io.fhirguard.servlet.FhirGuardSettings;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Puts {@link FhirGuardFilter} in front of a servlet path, configured from the examples'
 * {@code FHIRGUARD_*} variables, the way {@code serve} and {@code gateway} both need it.
 *
 * <p>When no issuer is configured, the embedded authorization server given here becomes the
 * trusted issuer (its JWKS and SMART endpoints are filled in). The audience defaults to the
 * app's own FHIR base URL. Audit events go to a JSON-lines file with a hash chain.
 *
 * @since 1.0
 */
public final class GuardSetup {
    private final FhirGuardSettings settings;
    private final Path auditFile;

    private GuardSetup(FhirGuardSettings settings, Path auditFile) {
        this.settings = settings;
        this.auditFile = auditFile;
    }

    /**
     * Resolves the filter's settings.
     *
     * @param example the examples' variables
     * @param fhirBase the app's own FHIR base URL, the default audience
     * @param embedded the embedded authorization server, when no issuer is configured
     * @return the resolved setup
     * @throws IllegalArgumentException listing every invalid filter setting
     * @throws UncheckedIOException if the default audit file cannot be created
     */
    public static GuardSetup resolve(ExampleSettings example, URI fhirBase,
            Optional<EmbeddedAuthorizationServer> embedded) {
        Map<String, String> variables = new HashMap<>(example.variables());
        embedded.ifPresent(auth -> {
            variables.put(ExampleSettings.ISSUER, auth.issuer().toString());
            variables.put(ExampleSettings.JWKS_URI, auth.jwksUri().toString());
            variables.putIfAbsent("FHIRGUARD_SMART_AUTHORIZATION_ENDPOINT",
                    auth.authorizationEndpoint().toString());
            variables.putIfAbsent("FHIRGUARD_SMART_TOKEN_ENDPOINT",
                    auth.tokenEndpoint().toString());
        });
        variables.putIfAbsent(ExampleSettings.AUDIENCE, fhirBase.toString());
        FhirGuardSettings settings = FhirGuardSettings.fromSources(name -> null, variables).build();
        return new GuardSetup(settings, example.auditFile().orElseGet(GuardSetup::tempAuditFile));
    }

    /**
     * Adds the filter to a context for one URL pattern, such as {@code /fhir/*}.
     *
     * @param context the servlet context, before it starts
     * @param pathSpec the pattern the FHIR servlet is mapped to
     */
    public void install(ServletContextHandler context, String pathSpec) {
        JsonLinesAuditSink audit = JsonLinesAuditSink.builder().file(auditFile)
                .hashChain(true).logger(false).build();
        FhirGuardFilter filter = FhirGuardFilter.builder().settings(settings).auditSink(audit)
                .build();
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }

    /**
     * Returns the filter settings in use.
     *
     * @return the settings
     */
    public FhirGuardSettings settings() {
        return settings;
    }

    /**
     * Returns the audit log file.
     *
     * @return the JSON-lines file audit events are appended to
     */
    public Path auditFile() {
        return auditFile;
    }

    private static Path tempAuditFile() {
        try {
            return Files.createTempFile("fhir-guard-audit-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit file in the temp folder", e);
        }
    }
}
