package io.fhirguard.servlet.adversarial;

import static io.fhirguard.servlet.adversarial.ClinicalStore.A;
import static io.fhirguard.servlet.adversarial.ClinicalStore.B;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.servlet.support.Http;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bounded fuzzing of the secured server over HTTP with jqwik (200 tries per property, fixed
 * seeds): random paths, query strings, headers and bodies built from FHIR-shaped and hostile
 * pieces, sent with patient A's token. For every answer: never a 500, never a stack trace or
 * Java class name, nothing of patient B, and never a 2xx for a request that core's own
 * decision ({@link DecisionOracle}) refuses, in which case HAPI must not have seen it either.
 */
class GuardFuzzProperties {
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.fhirguard|ca\\.uhn|org\\.eclipse|org\\.hl7)"
                    + "\\.[a-z0-9]+\\.[A-Za-z0-9.$]*");
    private static Target target;
    private static String tokenA;
    private static DecisionOracle oracle;
    private static List<String> obsOfB;
    private static String obsOfA;

    @BeforeContainer
    static void start() throws Exception {
        Secrets.startCapture();
        target = Target.start(Clock.systemUTC(), s -> s.unauthenticatedRateLimit(100_000)
                .clientRateLimit(100_000), f -> { });
        tokenA = target.tokenForA();
        oracle = new DecisionOracle(A, List.of("launch/patient", "patient/*.rs"));
        obsOfB = ids("Observation", B);
        obsOfA = ids("Observation", A).get(0);
    }

    @AfterContainer
    static void stop() throws Exception {
        target.close();
        Secrets.assertAbsentFrom("the log lines captured up to the end of the fuzzing",
                Secrets.logs());
    }

    @Property(tries = 200, seed = "20261204")
    void randomPathsAreAnsweredSafely(@ForAll("paths") String path,
            @ForAll("queries") String query) {
        exchange("GET", path, query.isEmpty() ? null : query, null, null, tokenA);
    }

    @Property(tries = 200, seed = "1204")
    void randomSearchQueriesAreAnsweredSafely(@ForAll("types") String type,
            @ForAll("queries") String query) {
        exchange("GET", type, query.isEmpty() ? null : query, null, null, tokenA);
    }

    @Property(tries = 200, seed = "777")
    void randomHeadersNeverAuthenticateWithoutTheExactToken(
            @ForAll("authorizations") String authorization,
            @ForAll("otherHeaders") List<String> others, @ForAll("methods") String method) {
        Http request = Http.method(method, target.url("Patient/" + A));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        for (String h : others) {
            int colon = h.indexOf(':');
            request.header(h.substring(0, colon), h.substring(colon + 1));
        }

        Http.Response r = sendOrNull(request);

        Statistics.label("status").collect(r == null ? "refused by Jetty or the client"
                : r.status() / 100 + "xx");
        if (r != null) {
            assertSafe(r);
            boolean exact = authorization.equals("Bearer " + tokenA)
                    || authorization.equalsIgnoreCase("bearer " + tokenA)
                    && authorization.endsWith(tokenA);
            if (r.status() / 100 == 2 && !method.equals("OPTIONS")) {
                assertThat(exact).as("2xx without the exact valid token: " + authorization)
                        .isTrue();
            }
        }
    }

    @Property(tries = 200, seed = "4242")
    void randomBodiesAreAnsweredSafely(@ForAll("bodies") String[] body) {
        exchange(body[0], body[1], null, body[2], body[3].getBytes(StandardCharsets.UTF_8),
                tokenA);
    }

    private static void exchange(String method, String path, String query, String type,
            byte[] body, String token) {
        String uri = target.base() + "/" + path + (query == null ? "" : "?" + query);
        Http request;
        try {
            request = Http.method(method, java.net.URI.create(uri)).bearer(token);
        } catch (IllegalArgumentException notAUri) {
            return;
        }
        if (body != null) {
            request.body(type, new String(body, StandardCharsets.UTF_8));
        }
        int before = target.received().all().size();

        Http.Response r = sendOrNull(request);

        Statistics.label("status").collect(r == null ? "refused by Jetty or the client"
                : r.status() / 100 + "xx");
        if (r == null) {
            return;
        }
        assertSafe(r);
        if (!oracle.permits(method, path, query, type, body)) {
            assertThat(r.status() / 100).as("2xx for a request core refuses: " + method + " "
                    + uri).isNotEqualTo(2);
            assertThat(target.received().all()).as("HAPI saw a request core refuses: " + uri)
                    .hasSize(before);
        }
    }

    private static void assertSafe(Http.Response r) {
        assertThat(r.status()).as("status").isNotEqualTo(500);
        assertThat(r.body()).doesNotContain("\tat ").doesNotContainIgnoringCase("exception");
        assertThat(CLASS_NAME.matcher(r.body()).find()).as("class name in " + r.body())
                .isFalse();
        Leaks.assertNothingOfB(r, target.store());
    }

    private static Http.Response sendOrNull(Http request) {
        try {
            return request.send();
        } catch (UncheckedIOException | IllegalArgumentException refusedByTheClientOrJetty) {
            return null;
        }
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("Observation", "Patient", "Encounter", "Observation/_search",
                "Patient/" + A + "/Observation", "Patient/" + B + "/Observation", "_history",
                "Observation/_history", "", "Practitioner", "Patient/" + A + "/$everything");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("Patient", "Observation", "Encounter", "Practitioner", A, B,
                        obsOfA, "_history", "_search", "$everything", "$meta", "metadata",
                        "1", "", "..", ".", "%2e%2e", "%2F", "Patient;x=1", "%00", "%20",
                        "*", "PATIENT", "patient", "é", "_", "%252e", "\\", "Patient%3B",
                        "fhirguard", "revocations", ".well-known", "smart-configuration"),
                Arbitraries.of(obsOfB),
                Arbitraries.strings().withChars("abcAZ09-._~%/;:@$").ofMaxLength(12));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.of("subject", "patient", "performer", "encounter",
                "code", "_id", "_include", "_revinclude", "_include:iterate",
                "_has:Observation:subject:code", "subject.name", "subject:Patient",
                "subject:identifier", "patient._id", "_summary", "_count", "_elements",
                "_format", "_sort", "_filter", "_query", "_type", "name", "", "%00", "a%3Db",
                "subject%3APatient", "_content", "_total", "status", "category");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("Patient/" + A, "Patient/" + B, A, B,
                        "Patient/" + A + ",Patient/" + B, "Observation:subject",
                        "Observation:performer", "Encounter:subject", "*", "count", "true",
                        "ge2020", "%25", "http://evil.test/Patient/" + B, "", "Ziemann",
                        "8302-2", "http://loinc.org|8302-2", "json", "xml", "%2C" + B,
                        "Patient%2F" + B, "x".repeat(300), "Observation:encounter"),
                Arbitraries.strings().withChars("abc/|,:$%._-AZ09 ").ofMaxLength(20));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(5).map(l -> String.join("&", l)
                .replace(" ", "%20"));
    }

    @Provide
    Arbitrary<String> authorizations() {
        return Arbitraries.oneOf(
                Arbitraries.of("Bearer " + tokenA, "", "Bearer", "Bearer ", "Basic YTpi",
                        "Bearer " + tokenA + " extra", "Bearer  " + tokenA, "Bearer " + tokenA
                        + ".", "Bearer " + tokenA.substring(1), "Token " + tokenA,
                        "Bearer " + tokenA.replace('.', '!'), tokenA,
                        "Bearer " + tokenA.substring(0, tokenA.length() - 2) + "AA"),
                Arbitraries.strings().withChars("Berab ._-=+/~AZ09").ofMaxLength(40));
    }

    @Provide
    Arbitrary<List<String>> otherHeaders() {
        return Arbitraries.of("X-Forwarded-For:10.0.0.1", "X-Forwarded-For:127.0.0.1, 1.2.3.4",
                "Forwarded:for=\"[::1]\";proto=https", "Accept:application/fhir+xml",
                "Accept:*/*", "Accept:text/html", "Content-Type:application/json",
                "X-HTTP-Method-Override:DELETE", "Origin:https://evil.test",
                "Prefer:return=representation", "X-Request-Id:forged-id",
                "Authorization:Bearer " + tokenA, "Cookie:JSESSIONID=abc",
                "X-Forwarded-Proto:https", "Host:evil.test").list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
                "TRACE");
    }

    @Provide
    Arbitrary<String[]> bodies() {
        Arbitrary<String> entryUrl = Arbitraries.of("Patient/" + A, "Patient/" + B,
                "Observation?subject=Patient/" + B, "Observation?patient=" + A,
                "Observation/" + obsOfB.get(0), "Observation?_include=Observation:performer",
                "Encounter?_revinclude=Observation:encounter", "Patient/" + B + "/$everything",
                "Observation?_summary=count", "Patient?_has:Observation:subject:code=8302-2");
        Arbitrary<String> bundle = Combinators.combine(Arbitraries.of("batch", "transaction",
                "searchset", "collection"), entryUrl.list().ofMaxSize(4),
                Arbitraries.of("GET", "GET", "POST", "DELETE", "PUT")).as((kind, urls, verb) -> {
                    List<String> entries = new ArrayList<>();
                    urls.forEach(u -> entries.add("{\"request\":{\"method\":\"" + verb
                            + "\",\"url\":\"" + u + "\"}}"));
                    return "{\"resourceType\":\"Bundle\",\"type\":\"" + kind
                            + "\",\"entry\":[" + String.join(",", entries) + "]}";
                });
        Arbitrary<String[]> batches = bundle.map(b -> new String[] {"POST", "",
                "application/fhir+json", b});
        Arbitrary<String[]> forms = queries().map(q -> new String[] {"POST",
                "Observation/_search", "application/x-www-form-urlencoded", q});
        Arbitrary<String> observation = Arbitraries.of(A, B, "", "Patient/" + B).map(p ->
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":"
                        + "\"x\"},\"subject\":{\"reference\":\"Patient/" + p + "\"}}");
        Arbitrary<String[]> writes = Combinators.combine(Arbitraries.of("PUT", "POST"),
                Arbitraries.of("Observation/" + obsOfB.get(0), "Observation/" + obsOfA,
                        "Observation", "Observation?subject=Patient/" + B),
                observation).as((m, p, o) -> new String[] {m, p, "application/fhir+json", o});
        Arbitrary<String[]> junk = Arbitraries.strings().ofMaxLength(200).map(s ->
                new String[] {"POST", "", "application/fhir+json", s});
        return Arbitraries.oneOf(batches, forms, writes, junk);
    }

    private static List<String> ids(String type, String patient) {
        return target.store().keysOf(patient).stream().filter(k -> k.startsWith(type + "/"))
                .map(k -> k.substring(type.length() + 1)).sorted().toList();
    }
}
