package io.fhirguard.authz;

import static io.fhirguard.authz.TestRequests.request;
import static io.fhirguard.authz.TestRequests.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision table: one row per (scopes, patient claim, request) with the expected outcome.
 * Outcomes: {@code PERMIT} (sent as received, no response check), {@code CHECK} (sent as
 * received, response re-checked), {@code NARROW p=v} (parameter added, no check),
 * {@code NARROW+CHECK p=v}, {@code DENY REASON}.
 */
class DecisionTableTest {
    private static final AuthorizationPolicy POLICY =
            AuthorizationPolicy.create(AuthorizationConfig.builder().build());

    static Stream<Arguments> table() {
        return Stream.of(
                // ---- scope grammar and token-level refusals
                row("patient/Observation.rs", null, "GET Observation",
                        "DENY SCOPE_PATIENT_CONTEXT_MISSING"),
                // A patient claim that is not a FHIR id would narrow to patient= (ignored by
                // the server, so every patient) or to an OR list of patients.
                row("patient/Observation.rs", "", "GET Observation",
                        "DENY SCOPE_PATIENT_CONTEXT_MISSING"),
                row("patient/Observation.rs", "", "GET Observation?patient=",
                        "DENY SCOPE_PATIENT_CONTEXT_MISSING"),
                row("patient/Patient.rs", "A,B", "GET Patient",
                        "DENY SCOPE_PATIENT_CONTEXT_MISSING"),
                row("patient/Observation.rs", "Patient/A", "GET Observation",
                        "DENY SCOPE_PATIENT_CONTEXT_MISSING"),
                row("user/Observation.rs", "", "GET Observation", "PERMIT"),
                row("patient/Observation.rs?category:not=laboratory", "A", "GET Observation",
                        "DENY SCOPE_UNSUPPORTED_CONSTRAINT"),
                row("patient/Observation.rs?flavour=sweet", "A", "GET Observation",
                        "DENY SCOPE_UNSUPPORTED_CONSTRAINT"),
                row("patient/Observation.rs?subject=Patient/B", "A", "GET Observation",
                        "DENY SCOPE_UNSUPPORTED_CONSTRAINT"),
                row("patient/Observation.rs?subject.name=x", "A", "GET Observation",
                        "DENY SCOPE_UNSUPPORTED_CONSTRAINT"),
                row("patient/*.rs?category=laboratory", "A", "GET Observation",
                        "DENY SCOPE_UNSUPPORTED_CONSTRAINT"),
                row("patient/Observation.rs?category=|laboratory", "A", "GET Observation",
                        "DENY SCOPE_UNSUPPORTED_CONSTRAINT"),
                row("patient/Observation.sr", "A", "GET Observation", "DENY SCOPE_MALFORMED"),
                row("patient/Observation.rr", "A", "GET Observation", "DENY SCOPE_MALFORMED"),
                row("patient/Observation.rx", "A", "GET Observation", "DENY SCOPE_MALFORMED"),
                row("patient/Observation.", "A", "GET Observation", "DENY SCOPE_MALFORMED"),
                row("patient/Observaton.rs", "A", "GET Observation",
                        "DENY SCOPE_UNKNOWN_RESOURCE_TYPE"),
                row("PATIENT/Observation.rs", "A", "GET Observation", "DENY SCOPE_MALFORMED"),
                row("patient/Observation.RS", "A", "GET Observation", "DENY SCOPE_MALFORMED"),
                row("patient/observation.rs", "A", "GET Observation", "DENY SCOPE_MALFORMED"),
                row("patient/Observation.read?category=laboratory", "A", "GET Observation",
                        "DENY SCOPE_MALFORMED"),
                row("user/Observation.rs patient/Observation.rx", "A", "GET Observation",
                        "DENY SCOPE_MALFORMED"),
                row("  patient/Observation.rs \t\t launch/patient  openid"
                        + "   patient/Observation.rs\temail ", "A", "GET Observation",
                        "NARROW patient=A"),
                row("email profile openid fhirUser", "A", "GET Observation",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"),
                row("", null, "GET metadata", "PERMIT"),
                row("patient/*.*", "A", "GET Observation", "NARROW patient=A"),
                row("patient/Observation.read", "A", "GET Observation", "NARROW patient=A"),
                row("patient/Observation.write", "A", "GET Observation",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"),
                row("patient/Observation.s", "A", "GET Observation/O1",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"),

                // ---- searches confined to the patient compartment
                row("patient/Observation.rs", "A", "GET Observation?subject=Patient/A", "PERMIT"),
                row("patient/Observation.rs", "A", "GET Observation?patient=A", "PERMIT"),
                row("patient/Observation.rs", "A", "GET Observation?subject:Patient=A", "PERMIT"),
                row("patient/Observation.rs", "A", "GET Observation?performer=Patient/A",
                        "PERMIT"),
                row("patient/Observation.rs", "A", "GET Observation?code=8302-2",
                        "NARROW patient=A"),
                row("patient/Observation.rs", "A", "GET Observation?subject=Patient/B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A",
                        "GET Observation?subject=Patient/A,Group/G",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A", "GET Observation?patient=B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A",
                        "GET Observation?patient=A&subject=Patient/B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A", "GET Observation?subject:missing=true",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A", "GET Observation?subject=A",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A",
                        "GET Observation?subject=http://other.example/fhir/Patient/A",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A", "GET Observation?patient:identifier=x|1",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A", "GET Observation?subject:Group=A",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A", "GET Patient/B/Observation",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A", "GET Patient/A/Observation", "PERMIT"),
                row("patient/Observation.rs", "A", "GET Encounter/E1/Observation",
                        "NARROW patient=A"),
                row("patient/Observation.rs", "A", "POST Observation/_search?patient=B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Condition.rs", "A", "GET Condition", "NARROW patient=A"),
                row("patient/Claim.rs", "A", "GET Claim", "NARROW patient=A"),
                row("patient/*.rs", "A", "GET Organization", "DENY AUTHZ_NOT_IN_COMPARTMENT"),
                row("patient/*.rs user/Organization.rs?type=prov", "A", "GET Organization",
                        "NARROW+CHECK type=prov"),
                row("patient/*.rs user/Organization.rs?type=prov", "A",
                        "GET Organization?type=prov&_has:Patient:organization:name=Smith",
                        "DENY AUTHZ_JOIN_DENIED"),
                row("patient/*.rs", "A", "GET Organization/O1", "DENY AUTHZ_NOT_IN_COMPARTMENT"),
                row("patient/Observation.rs", "A", "GET Observation?_summary=count",
                        "NARROW patient=A"),
                row("patient/Observation.rs", "A", "GET Observation?_total=accurate",
                        "NARROW patient=A"),
                row("patient/Observation.rs", "A", "GET Observation?_filter=subject eq x",
                        "DENY AUTHZ_UNSUPPORTED_PARAMETER"),

                // ---- mixing patient/ and user/ never widens a patient scope
                row("patient/Patient.rs user/Organization.rs", "A", "GET Patient",
                        "NARROW _id=A"),
                row("patient/Patient.rs user/Organization.rs", "A", "GET Organization",
                        "PERMIT"),
                row("patient/Patient.rs user/Organization.rs", "A", "GET Patient?_id=B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Patient.rs user/Organization.rs", "A", "GET Patient?_id=A,B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Patient.rs user/Organization.rs", "A", "GET Patient/B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Patient.rs user/Organization.rs", "A", "GET Patient/A", "PERMIT"),
                row("patient/Observation.rs user/Patient.rs", "A",
                        "GET Observation?subject=Patient/B", "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A", "GET Observation/O1", "CHECK"),
                row("patient/Observation.rs", "A", "GET Observation/O1/_history/2", "CHECK"),
                row("patient/Observation.rs", "A", "GET Organization/1",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"),
                row("system/*.rs", null, "GET Observation?subject=Patient/B", "PERMIT"),
                row("user/*.rs", null, "GET Observation/O1", "PERMIT"),

                // ---- chains and _has
                row("patient/Observation.rs patient/Patient.rs", "A",
                        "GET Observation?subject:Patient.name=Smith", "NARROW patient=A"),
                row("patient/Observation.rs", "A", "GET Observation?subject:Patient.name=Smith",
                        "DENY AUTHZ_JOIN_DENIED"),
                row("patient/*.rs", "A", "GET Observation?performer:Practitioner.name=Smith",
                        "DENY AUTHZ_JOIN_DENIED"),
                row("patient/*.rs", "A", "GET Observation?subject.name=Smith",
                        "DENY AUTHZ_JOIN_DENIED"),
                row("patient/Patient.rs", "A", "GET Patient?_has:Observation:patient:code=1234",
                        "DENY AUTHZ_JOIN_DENIED"),
                row("patient/Patient.rs patient/Observation.rs", "A",
                        "GET Patient?_has:Observation:patient:code=1234", "NARROW _id=A"),
                row("patient/Patient.rs patient/Observation.rs", "A",
                        "GET Patient?_has:Observation:focus:code=1234", "DENY AUTHZ_JOIN_DENIED"),
                row("patient/Patient.rs patient/Observation.rs", "A",
                        "GET Patient?_has:Observation:performer:subject.name=x",
                        "DENY AUTHZ_JOIN_DENIED"),
                row("user/Patient.rs user/Observation.rs", null,
                        "GET Patient?_has:Observation:patient:subject.name=x",
                        "DENY AUTHZ_JOIN_DENIED"),
                row("user/*.rs", null, "GET Patient?_has:Observation:patient:code=1234",
                        "PERMIT"),
                row("user/Patient.rs", null, "GET Patient?_has:Observation:patient:code=1234",
                        "DENY AUTHZ_JOIN_DENIED"),
                row("user/Observation.rs patient/Patient.rs", "A",
                        "GET Observation?subject:Patient.name=Smith", "DENY AUTHZ_JOIN_DENIED"),

                // ---- _include and _revinclude
                row("patient/Observation.rs patient/Patient.rs", "A",
                        "GET Observation?_include=Observation:subject:Patient",
                        "NARROW+CHECK patient=A"),
                row("patient/Observation.rs", "A",
                        "GET Observation?_include=Observation:subject:Patient",
                        "DENY AUTHZ_INCLUDE_DENIED"),
                row("patient/*.rs", "A", "GET Observation?_include=*",
                        "DENY AUTHZ_INCLUDE_DENIED"),
                row("patient/*.rs", "A",
                        "GET Observation?_include:iterate=Observation:subject:Patient",
                        "DENY AUTHZ_INCLUDE_DENIED"),
                row("user/*.rs", null, "GET Patient?_revinclude=Observation:subject", "CHECK"),
                row("user/Patient.rs", null, "GET Patient?_revinclude=Observation:subject",
                        "DENY AUTHZ_INCLUDE_DENIED"),

                // ---- v2 constraints
                row("patient/Observation.rs?category=laboratory", "A", "GET Observation",
                        "NARROW+CHECK category=laboratory"),
                row("patient/Observation.rs?category=laboratory", "A",
                        "GET Observation?category=vital-signs", "DENY AUTHZ_CONSTRAINT_CONFLICT"),
                row("patient/Observation.rs?category=laboratory", "A",
                        "GET Observation?category=laboratory,vital-signs",
                        "DENY AUTHZ_CONSTRAINT_CONFLICT"),
                row("patient/Observation.rs?category=laboratory", "A",
                        "GET Observation?category=http://terminology.hl7.org/CodeSystem/"
                                + "observation-category|laboratory",
                        "NARROW+CHECK patient=A"),
                row("patient/Observation.rs?category=laboratory", "A", "GET Observation/O1",
                        "CHECK"),
                row("user/Observation.rs?category=laboratory", null, "GET Observation",
                        "NARROW+CHECK category=laboratory"),
                row("patient/Observation.rs?category=laboratory patient/Observation.rs", "A",
                        "GET Observation", "NARROW patient=A"),

                // ---- operations
                row("patient/Observation.rs", "A", "GET Observation/$lastn?code=8302-2",
                        "NARROW patient=A"),
                row("patient/Observation.rs", "A", "GET Observation/$lastn?patient=B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                // A POST operation takes its parameters from a Parameters body that is not
                // read, so the narrowing added to the query would be ignored by the server.
                row("patient/Observation.rs", "A", "POST Observation/$lastn",
                        "DENY AUTHZ_OPERATION_DENIED"),
                row("patient/Observation.rs?category=laboratory", "A",
                        "POST Observation/$lastn?category=laboratory",
                        "DENY AUTHZ_OPERATION_DENIED"),
                row("user/Observation.rs", null, "POST Observation/$lastn", "PERMIT"),
                row("patient/Observation.rs", "A", "GET Patient/B/$lastn?patient=A",
                        "DENY AUTHZ_OPERATION_DENIED"),
                row("patient/*.rs", "A", "GET $lastn?patient=A",
                        "DENY AUTHZ_OPERATION_DENIED"),
                row("patient/*.rs", "A", "GET Patient/A/$everything", "CHECK"),
                row("patient/*.rs", "A", "GET Patient/B/$everything",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/*.rs", "A", "GET Patient/$everything",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Patient.rs patient/Observation.rs", "A",
                        "GET Patient/A/$everything", "DENY AUTHZ_INSUFFICIENT_SCOPE"),
                row("user/*.*", null, "POST Patient/$match", "DENY AUTHZ_OPERATION_DENIED"),
                row("system/*.*", null, "POST $export", "DENY AUTHZ_OPERATION_DENIED"),

                // ---- writes
                row("patient/Observation.cruds", "A", "POST Observation",
                        "DENY AUTHZ_UNVERIFIABLE_WRITE"),
                row("patient/Observation.cruds", "A", "PUT Observation/O1",
                        "DENY AUTHZ_UNVERIFIABLE_WRITE"),
                row("patient/Observation.cruds", "A", "DELETE Observation/O1",
                        "DENY AUTHZ_UNVERIFIABLE_WRITE"),
                row("patient/Observation.cruds", "A", "DELETE Observation?code=8302-2",
                        "NARROW patient=A"),
                row("patient/Observation.cruds", "A", "DELETE Observation?patient=B",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                // A cascading delete also removes resources that refer to the deleted ones,
                // which may be in another patient's record.
                row("patient/Patient.cruds", "A", "DELETE Patient/A?_cascade=delete",
                        "DENY AUTHZ_UNSUPPORTED_PARAMETER"),
                row("patient/Observation.cruds", "A",
                        "DELETE Observation?code=8302-2&_cascade=delete",
                        "DENY AUTHZ_UNSUPPORTED_PARAMETER"),
                row("patient/Patient.cruds", "A", "DELETE Patient/A", "PERMIT"),
                row("user/Patient.cruds", null, "DELETE Patient/B?_cascade=delete", "PERMIT"),
                row("patient/Observation.rs", "A", "POST Observation",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"),
                row("user/Observation.cud", null, "PUT Observation/O1", "PERMIT"),
                row("patient/Observation.cruds", "A", "PATCH Observation?code=8302-2",
                        "DENY AUTHZ_UNVERIFIABLE_WRITE"),
                row("patient/Patient.cruds", "A", "POST Patient",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/Observation.rs", "A",
                        "GET Observation?_include=Nope:subject", "DENY AUTHZ_INCLUDE_DENIED"),
                row("patient/Patient.u", "A", "DELETE Patient/A",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"),
                row("system/Observation.rs", null, "DELETE Observation/O1",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"),

                // ---- history and system-level search
                row("patient/Observation.rs", "A", "GET Observation/_history", "CHECK"),
                row("patient/Patient.rs", "A", "GET Patient/B/_history",
                        "DENY AUTHZ_COMPARTMENT_ESCAPE"),
                row("patient/*.rs", "A", "GET _history", "CHECK"),
                row("patient/*.rs", "A", "GET ?_type=Observation",
                        "DENY AUTHZ_NOT_IN_COMPARTMENT"),
                row("user/Observation.rs", null, "GET ?_type=Observation", "CHECK"),
                row("user/Observation.rs", null, "GET ?_type=Observation,Patient",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"),

                // ---- paging: never narrowed, every entry re-checked for the current caller
                row("patient/Observation.rs", "A",
                        "GET ?_getpages=abc-123&_getpagesoffset=10&_count=10"
                                + "&_bundletype=searchset", "CHECK"),
                row("user/Observation.rs", null, "GET ?_getpages=abc-123&_getpagesoffset=10",
                        "CHECK"),
                row("system/*.rs", null, "GET ?_getpages=abc-123&_format=json&_pretty=true",
                        "CHECK"),
                row("patient/Observation.rs", "A", "GET ?_getpages=abc-123&patient=B",
                        "DENY AUTHZ_UNSUPPORTED_PARAMETER"),
                row("system/*.cud", null, "GET ?_getpages=abc-123",
                        "DENY AUTHZ_INSUFFICIENT_SCOPE"));
    }

    @ParameterizedTest(name = "[{index}] {0} (patient {1}) {2} -> {3}")
    @MethodSource("table")
    void decisionMatchesTheTable(String scopes, String patient, String line, String expected) {
        AccessDecision decision = POLICY.decide(token(scopes, patient), request(line));

        if (expected.startsWith("DENY ")) {
            assertThat(decision.isPermitted()).as("permitted").isFalse();
            assertThat(decision.reason()).isEqualTo(Reason.valueOf(expected.substring(5)));
            assertThat(decision.toRefusal().status()).isEqualTo(403);
            return;
        }
        assertThat(decision.isPermitted()).as("permitted (%s)", decision).isTrue();
        boolean narrowed = expected.startsWith("NARROW");
        boolean check = expected.equals("CHECK") || expected.startsWith("NARROW+CHECK");
        assertThat(decision.isNarrowed()).as("narrowed").isEqualTo(narrowed);
        assertThat(decision.responseCheck().isPresent()).as("response check").isEqualTo(check);
        if (narrowed) {
            String added = expected.substring(expected.indexOf(' ') + 1);
            int eq = added.indexOf('=');
            assertThat(decision.request().parameters().asList())
                    .contains(new QueryParameter(added.substring(0, eq),
                            added.substring(eq + 1)));
        }
    }

    private static Arguments row(String scopes, String patient, String line, String expected) {
        return Arguments.of(scopes, patient, line, expected);
    }
}
