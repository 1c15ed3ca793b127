package io.fhirguard.examples.demo;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.audit.AuditLogVerifier;
import io.fhirguard.examples.ExampleSettings;
import io.fhirguard.examples.auth.EmbeddedAuthorizationServer;
import io.fhirguard.examples.backend.BackendClient;
import io.fhirguard.examples.backend.BackendClientCommand;
import io.fhirguard.examples.oauthflow.PatientApp;
import io.fhirguard.examples.fhir.ExampleFhirServer;
import io.fhirguard.examples.gateway.GatewayServer;
import io.fhirguard.examples.gateway.UpstreamCredential;
import io.fhirguard.examples.serve.SecuredServer;
import io.fhirguard.examples.server.LocalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The one-command demo: starts the secured server, the embedded authorization server and the
 * patient app in this process on free 127.0.0.1 ports, runs every scenario over real HTTP and
 * reports what fhir-guard did.
 *
 * <p>Scenarios, in order: two backend searches with a {@code private_key_jwt} client; a
 * patient's authorization-code login through the patient app, driven headlessly; that
 * patient's own search; four attempts at another patient's data (by {@code patient=}, by
 * compartment, by id, and through an {@code _include}); an injected search parameter; no token;
 * a forged token; an expired token; a revoked token; a burst past the per-client rate limit;
 * and, through the gateway in front of an unsecured copy of the server, the patient's own
 * search and two attempts at the other patient's data.
 *
 * @since 1.0
 */
public final class Demo implements AutoCloseable {
    /** Patient A, the signed-in patient: Fabian Murray (synthetic). */
    public static final String PATIENT_A = "b4a36fff-6981-496a-a0d3-b274dd4b363a";
    /** Patient B, whose data A must not see: Reyna Ziemann (synthetic). */
    public static final String PATIENT_B = "76d2fa2d-66a6-4823-8dab-52cd70822844";
    /** An Observation of patient B (Total Cholesterol). */
    public static final String OBSERVATION_OF_B = "1dd09de9-9334-44e8-b148-cf9976d5734b";
    /** The demo fixture: an Observation of A whose {@code hasMember} points at B's. */
    public static final String LINK_OBSERVATION = "48cf6215-daf5-4107-861f-c1687c22fdae";
    /** The per-client rate limit the demo configures: requests per minute. */
    public static final int RATE_LIMIT = 20;
    /** The scope of the revocation endpoint's caller. */
    public static final String ADMIN_SCOPE = "fhirguard/admin";

    private static final Pattern COUNT = Pattern.compile("data-count=\"(\\d+)\"");

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final SecuredServer server;
    private final PatientApp app;
    private final LocalServer bare;
    private final GatewayServer gateway;
    private final EmbeddedAuthorizationServer auth;
    private final DemoHttp api = DemoHttp.api();
    private final DemoTokens tokens;

    private Demo(SecuredServer server, PatientApp app, LocalServer bare, GatewayServer gateway) {
        this.server = server;
        this.app = app;
        this.bare = bare;
        this.gateway = gateway;
        this.auth = server.authorizationServer().orElseThrow();
        this.tokens = new DemoTokens(api, auth);
    }

    /**
     * Starts everything the demo needs.
     *
     * @param auditFile where the audit log goes
     * @return the started demo
     * @throws IllegalStateException if a server cannot start
     */
    public static Demo start(Path auditFile) {
        Map<String, String> variables = new HashMap<>();
        variables.put(ExampleSettings.PORT, "0");
        variables.put(ExampleSettings.AUDIT_FILE, auditFile.toString());
        variables.put("FHIRGUARD_CLIENT_RATE_LIMIT", Integer.toString(RATE_LIMIT));
        variables.put("FHIRGUARD_CLIENT_RATE_LIMIT_PERIOD", "PT60S");
        variables.put("FHIRGUARD_REVOCATION_ENDPOINT_ENABLED", "true");
        variables.put("FHIRGUARD_REVOCATION_ADMIN_SCOPE", ADMIN_SCOPE);
        SecuredServer server = SecuredServer.start(ExampleSettings.from(variables));
        try {
            PatientApp app = PatientApp.start(0, server.fhirBase(),
                    server.authorizationServer().orElseThrow().issuer(), "patient-app");
            // The same data without fhir-guard, to show what the _include would leak.
            LocalServer bare = LocalServer.start(0, context -> context.addServlet(
                    new ServletHolder(new ExampleFhirServer(FhirContext.forR4Cached(),
                            server.store())), "/fhir/*"));
            return new Demo(server, app, bare, startGateway(server, bare, auditFile));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Starts the gateway in front of the unsecured server, trusting the demo's authorization
     * server and the audience of its tokens (the secured server's base URL), with its own audit
     * file next to the demo's.
     */
    private static GatewayServer startGateway(SecuredServer server, LocalServer bare,
            Path auditFile) {
        EmbeddedAuthorizationServer auth = server.authorizationServer().orElseThrow();
        Map<String, String> variables = new HashMap<>();
        variables.put(ExampleSettings.PORT, "0");
        variables.put(ExampleSettings.UPSTREAM, bare.uri("/fhir").toString());
        variables.put(ExampleSettings.ISSUER, auth.issuer().toString());
        variables.put(ExampleSettings.JWKS_URI, auth.jwksUri().toString());
        variables.put(ExampleSettings.AUDIENCE, server.fhirBase().toString());
        variables.put(ExampleSettings.AUDIT_FILE, gatewayAuditFile(auditFile).toString());
        return GatewayServer.start(ExampleSettings.from(variables), UpstreamCredential.NONE);
    }

    /**
     * Names the gateway's audit file: the demo's audit file with {@code -gateway} added.
     *
     * @param auditFile the demo's audit file
     * @return the gateway's audit file
     */
    public static Path gatewayAuditFile(Path auditFile) {
        String name = auditFile.getFileName().toString().replaceFirst("\\.jsonl$", "");
        return auditFile.resolveSibling(name + "-gateway.jsonl");
    }

    /**
     * Creates a fresh audit file in the temp folder.
     *
     * @return the new, empty file
     * @throws UncheckedIOException if it cannot be created
     */
    public static Path newAuditFile() {
        try {
            return Files.createTempFile("fhir-guard-demo-audit-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo audit file", e);
        }
    }

    /**
     * Runs every scenario, in order.
     *
     * @return one result per scenario
     */
    public List<ScenarioResult> runScenarios() {
        List<ScenarioResult> results = new ArrayList<>();
        results.addAll(attemptAll("backend searches", this::backendSearches));
        results.add(attempt("patient login in the app (code + PKCE)", this::patientAppLogin));
        String token;
        try {
            token = tokens.patientToken(server.fhirBase(), PATIENT_A);
        } catch (RuntimeException e) {
            token = null;
            results.add(failed("patient token (code + PKCE)", e));
        }
        String patientToken = token;
        results.add(attempt("patient's own search", () -> ownSearch(patientToken)));
        results.add(attempt("other patient's data by patient=", () -> otherPatient(patientToken,
                "other patient's data by patient=", "Observation?patient=" + PATIENT_B)));
        results.add(attempt("other patient's compartment", () -> otherPatient(patientToken,
                "other patient's compartment", "Patient/" + PATIENT_B + "/Observation")));
        results.add(attempt("other patient's Observation by id", () -> otherPatient(
                patientToken, "other patient's Observation by id",
                "Observation/" + OBSERVATION_OF_B)));
        results.add(attempt("_include reaching another patient",
                () -> includeLeak(patientToken)));
        results.add(attempt("injected search parameter", () -> injectedParameter(patientToken)));
        results.add(attempt("no token", this::noToken));
        results.add(attempt("forged token (attacker's key)", () -> forgedToken(patientToken)));
        results.add(attempt("expired token", this::expiredToken));
        results.add(attempt("revoked token", this::revokedToken));
        results.add(attempt("burst past the rate limit", this::burst));
        results.add(attempt("gateway: own search", () -> gatewayOwnSearch(patientToken)));
        results.add(attempt("gateway: other patient's data", () -> viaGateway(patientToken,
                "gateway: other patient's data", "Observation?patient=" + PATIENT_B)));
        results.add(attempt("gateway: _include reaching B", () -> viaGateway(patientToken,
                "gateway: _include reaching B", "Observation?_id=" + LINK_OBSERVATION
                        + "&_include=Observation:has-member:Observation")));
        return results;
    }

    /** Runs one scenario; an exception (no answer, a broken step) becomes a failed row. */
    private static ScenarioResult attempt(String scenario, Supplier<ScenarioResult> run) {
        try {
            return run.get();
        } catch (RuntimeException e) {
            return failed(scenario, e);
        }
    }

    private static List<ScenarioResult> attemptAll(String scenario,
            Supplier<List<ScenarioResult>> run) {
        try {
            return run.get();
        } catch (RuntimeException e) {
            return List.of(failed(scenario, e));
        }
    }

    private static ScenarioResult failed(String scenario, RuntimeException e) {
        return new ScenarioResult(scenario, "-", "-", -1, -1, false,
                "no result: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /**
     * Returns the secured server the demo runs.
     *
     * @return the server
     */
    public SecuredServer server() {
        return server;
    }

    /**
     * Counts the audit events written so far and checks the log's hash chain.
     *
     * @return the verifier's result
     * @throws UncheckedIOException if the audit file cannot be read
     */
    public AuditLogVerifier.Result audit() {
        try {
            return AuditLogVerifier.verify(server.auditFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit file", e);
        }
    }

    /**
     * Counts the gateway's audit events and checks its log's hash chain.
     *
     * @return the verifier's result
     * @throws UncheckedIOException if the audit file cannot be read
     */
    public AuditLogVerifier.Result gatewayAudit() {
        try {
            return AuditLogVerifier.verify(gateway.auditFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway audit file", e);
        }
    }

    /** Stops the gateway, the app and the servers. */
    @Override
    public void close() {
        gateway.close();
        bare.close();
        app.close();
        server.close();
    }

    private List<ScenarioResult> backendSearches() {
        BackendClient client = BackendClient.create(server.fhirBase(), auth.issuer(),
                "backend-example", BackendClientCommand.generatedKey(),
                BackendClientCommand.SCOPES);
        List<ScenarioResult> rows = new ArrayList<>();
        String labs = "Observation?patient=" + PATIENT_A
                + "&category=laboratory&date=ge2015-01-01&_count=10";
        BackendClient.SearchOutcome outcome = client.search(labs);
        rows.add(new ScenarioResult("backend search (private_key_jwt)", label(labs), "200",
                outcome.status(), outcome.matches(),
                outcome.status() == 200 && outcome.matches() == 10, ""));
        String weights = "Observation?patient=" + PATIENT_A + "&code=http://loinc.org|29463-7";
        outcome = client.search(weights);
        rows.add(new ScenarioResult("backend search by LOINC code", label(weights), "200",
                outcome.status(), outcome.matches(),
                outcome.status() == 200 && outcome.matches() > 0, ""));
        return rows;
    }

    private ScenarioResult patientAppLogin() {
        DemoHttp browser = DemoHttp.browser();
        Exchange start = browser.get(app.home().resolve("login"), null);
        URI authorize = URI.create(start.header("Location").orElseThrow(() ->
                new IllegalStateException("the app did not redirect to the authorization server")));
        URI callback = HeadlessLogin.signIn(browser, authorize, "fabian",
                DemoTokens.patientClaims(PATIENT_A));
        Exchange afterCallback = browser.get(callback, null);
        Exchange home = browser.get(app.home(), null);

        Matcher count = COUNT.matcher(home.body());
        int shown = count.find() ? Integer.parseInt(count.group(1)) : 0;
        boolean ok = afterCallback.status() == 302 && home.status() == 200 && shown > 0;
        return new ScenarioResult("patient login in the app (code + PKCE)",
                "GET /app/ after sign-in", "200", home.status(), shown, ok,
                "callback answered " + afterCallback.status() + "; page lists the patient's own"
                        + " observations");
    }

    private ScenarioResult ownSearch(String token) {
        String query = "Observation?patient=" + PATIENT_A + "&_count=50";
        Exchange e = api.get(fhir(query), token);
        int own = e.belongingTo(fhir, PATIENT_A);
        return new ScenarioResult("patient's own search", label(query), "200", e.status(),
                e.matches(fhir), e.status() == 200 && own > 0 && own == e.matches(fhir), "");
    }

    private ScenarioResult otherPatient(String token, String scenario, String query) {
        Exchange e = api.get(fhir(query), token);
        int leaked = e.belongingTo(fhir, PATIENT_B);
        boolean ok = e.status() == 403 || e.status() == 404
                || (e.status() == 200 && leaked == 0);
        return new ScenarioResult(scenario, label(query), "403/404 or 0", e.status(), leaked, ok,
                e.status() == 200 ? "answered, narrowed to the caller's own data" : "");
    }

    private ScenarioResult includeLeak(String token) {
        String query = "Observation?_id=" + LINK_OBSERVATION
                + "&_include=Observation:has-member:Observation";
        Exchange e = api.get(fhir(query), token);
        int leaked = e.belongingTo(fhir, PATIENT_B);
        Exchange unguarded = api.get(URI.create(bare.uri("/fhir") + "/" + query), null);
        return new ScenarioResult("_include reaching another patient", label(query),
                "200, 0 of B", e.status(), leaked, e.status() == 200 && leaked == 0,
                "results = resources of patient B returned; the same request to the same data"
                        + " without fhir-guard returns " + unguarded.belongingTo(fhir, PATIENT_B));
    }

    private ScenarioResult injectedParameter(String token) {
        String query = "Observation?patient=" + PATIENT_A + "&date=ge2015-01-01' OR '1'='1";
        Exchange e = api.get(URI.create(server.fhirBase() + "/Observation?patient=" + PATIENT_A
                + "&date=ge2015-01-01%27%20OR%20%271%27%3D%271"), token);
        return status("injected search parameter", query, 400, e);
    }

    private ScenarioResult noToken() {
        String query = "Observation?patient=" + PATIENT_A;
        return status("no token", query, 401, api.get(fhir(query), null));
    }

    private ScenarioResult forgedToken(String realToken) {
        String query = "Observation?patient=" + PATIENT_A;
        return status("forged token (attacker's key)", query, 401,
                api.get(fhir(query), ForgedTokens.resign(realToken)));
    }

    private ScenarioResult expiredToken() {
        auth.expireNextToken("expired-client", "system/Observation.read", 600);
        String token = tokens.clientToken("expired-client", "system/Observation.read");
        String query = "Observation?patient=" + PATIENT_A;
        return status("expired token", query, 401, api.get(fhir(query), token));
    }

    private ScenarioResult revokedToken() {
        String token = tokens.clientToken("revoked-client", "system/Observation.read");
        String query = "Observation?patient=" + PATIENT_A + "&_count=1";
        Exchange before = api.get(fhir(query), token);
        String admin = tokens.clientToken("demo-admin", ADMIN_SCOPE);
        Exchange revoke = api.postJson(URI.create(server.fhirBase() + "/fhirguard/revocations"),
                admin, "{\"jti\":\"" + DemoTokens.jti(token) + "\"}");
        Exchange after = api.get(fhir(query), token);
        ScenarioResult row = status("revoked token", query, 401, after);
        return new ScenarioResult(row.scenario(), row.request(), row.expected(), row.actualStatus(),
                row.results(), row.passed() && before.status() == 200 && revoke.status() < 300,
                "before revocation: " + before.status() + "; revocation endpoint: "
                        + revoke.status());
    }

    private ScenarioResult burst() {
        String token = tokens.clientToken("burst-client", "system/Observation.read");
        String query = "Observation?patient=" + PATIENT_A + "&_count=1";
        int ok = 0;
        Exchange last = null;
        for (int i = 0; i < RATE_LIMIT * 2 + 5; i++) {
            last = api.get(fhir(query), token);
            if (last.status() != 200) {
                break;
            }
            ok++;
        }
        String retryAfter = last.header("Retry-After").orElse("");
        return new ScenarioResult("burst past the rate limit (" + RATE_LIMIT + "/min)",
                label(query) + " x" + (ok + 1), "429", last.status(), ok,
                last.status() == 429 && !retryAfter.isEmpty(),
                "results = requests answered before 429; Retry-After: "
                        + (retryAfter.isEmpty() ? "(missing)" : retryAfter + " s"));
    }

    private ScenarioResult gatewayOwnSearch(String token) {
        String query = "Observation?patient=" + PATIENT_A + "&_count=5";
        Exchange e = api.get(URI.create(gateway.fhirBase() + "/" + query), token);
        boolean rewritten = e.body().contains(gateway.fhirBase().toString())
                && !e.body().contains(bare.uri("/fhir").toString());
        return new ScenarioResult("gateway: own search", label(query), "200", e.status(),
                e.matches(fhir), e.status() == 200 && e.matches(fhir) > 0 && rewritten,
                rewritten ? "links and fullUrls name the gateway, not the upstream"
                        : "upstream address visible in the answer");
    }

    private ScenarioResult viaGateway(String token, String scenario, String query) {
        Exchange e = api.get(URI.create(gateway.fhirBase() + "/" + query), token);
        int leaked = e.belongingTo(fhir, PATIENT_B);
        boolean ok = e.status() == 403 || e.status() == 404
                || (e.status() == 200 && leaked == 0);
        return new ScenarioResult(scenario, label(query), "403/404 or 0", e.status(), leaked,
                ok, "through the gateway to an unsecured upstream");
    }

    /**
     * Returns the gateway the demo runs in front of the unsecured server.
     *
     * @return the gateway
     */
    public GatewayServer gateway() {
        return gateway;
    }

    private ScenarioResult status(String scenario, String query, int expected, Exchange e) {
        return new ScenarioResult(scenario, label(query), Integer.toString(expected), e.status(),
                -1, e.status() == expected, outcomeCode(e));
    }

    private static String outcomeCode(Exchange e) {
        String auth = e.header("WWW-Authenticate").orElse("");
        Matcher m = Pattern.compile("error=\"([a-z_]+)\"").matcher(auth);
        return m.find() ? "WWW-Authenticate error=" + m.group(1) : "";
    }

    private URI fhir(String query) {
        return URI.create(server.fhirBase() + "/" + query.replace("|", "%7C"));
    }

    /** Replaces patient ids with their labels, so the table shows no identifiers. */
    static String label(String query) {
        return "GET " + query.replace(PATIENT_A, "<A>").replace(PATIENT_B, "<B>")
                .replace(OBSERVATION_OF_B, "<obs-of-B>").replace(LINK_OBSERVATION, "<link-obs>");
    }
}
