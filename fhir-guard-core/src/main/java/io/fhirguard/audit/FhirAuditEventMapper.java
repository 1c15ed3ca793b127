package io.fhirguard.audit;

import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameter;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventSourceComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Maps an {@link AuditEvent} to a FHIR R4 {@code AuditEvent} resource following IHE Basic Audit
 * Log Patterns (BALP, the RESTful activity patterns).
 *
 * <p>The mapping: {@code type} = {@code audit-event-type#rest}; {@code subtype} = the
 * {@code restful-interaction} code of the interaction; {@code action} and {@code outcome} from
 * the event, {@code outcomeDesc} = decision and reason code. Agents: the user (type
 * {@code v3-ParticipationType#IRCP} for reads and searches, {@code v3-RoleClass#AGNT} for
 * writes; {@code who} = the {@code fhirUser} reference and the subject as identifier with the
 * issuer as its system; {@code requestor} true; {@code policy} = the token's {@code jti}, else
 * its SHA-256 fingerprint), the client (DICOM {@code 110153} Source Role ID; the
 * {@code client_id} and the network address, type IP), and the server (DICOM {@code 110152}
 * Destination Role ID, the observer). {@code source.observer} = the observer name, type
 * {@code 4} Application Server.
 * Entities: the patient (type {@code 1} Person, role {@code 1} Patient), the addressed resource
 * (type {@code 2} System Object, role {@code 4} Domain Resource), for searches the query (type
 * {@code 2}, role {@code 24} Query, {@code query} = base64 of the type and parameter names, or
 * names and values when the event kept them), and the request id (BALP {@code XrequestId}) with
 * status, latency, user agent and removed-entry count as {@code detail}.
 *
 * <p>{@code meta.profile} names the BALP profile (Read, Query, Create, Update, Delete, or the
 * Patient variant) for successful reads, searches and writes only; denials and operations get
 * none. The result is not validated against the profiles. Immutable and thread-safe.
 *
 * @since 1.0
 */
public final class FhirAuditEventMapper {
    private static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE"
            + ".BasicAudit.";
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String ENTITY_TYPE =
            "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    private static final String REQUEST_ID_TYPE =
            "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";

    private final String observer;

    private FhirAuditEventMapper(String observer) {
        this.observer = observer;
    }

    /**
     * Creates a mapper.
     *
     * @param observer the name of the system recording the events (this server), for
     *     {@code source.observer} and the server agent, for example {@code fhir-guard@ehr-1}
     * @return the mapper
     */
    public static FhirAuditEventMapper of(String observer) {
        if (Objects.requireNonNull(observer, "observer").isBlank()) {
            throw new IllegalArgumentException("observer: must not be blank");
        }
        return new FhirAuditEventMapper(observer);
    }

    /**
     * Maps one event.
     *
     * @param event the event
     * @return a new R4 {@code AuditEvent} whose id is the event's id
     */
    public org.hl7.fhir.r4.model.AuditEvent toFhir(AuditEvent event) {
        org.hl7.fhir.r4.model.AuditEvent fhir = new org.hl7.fhir.r4.model.AuditEvent();
        fhir.setId(event.id());
        profile(event).ifPresent(p -> fhir.getMeta().addProfile(p));

        fhir.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest",
                "Restful Operation"));
        event.interaction().ifPresent(i -> fhir.addSubtype(
                new Coding("http://hl7.org/fhir/restful-interaction", subtype(i), subtype(i))));
        fhir.setAction(AuditEventAction.fromCode(event.action().code()));
        fhir.setRecorded(Date.from(event.time()));
        fhir.setOutcome(AuditEventOutcome.fromCode(event.outcome().code()));
        fhir.setOutcomeDesc(event.decision().name().toLowerCase(Locale.ROOT)
                + event.reason().map(r -> " " + r.code()).orElse(""));

        addAgents(fhir, event);
        fhir.setSource(new AuditEventSourceComponent()
                .setObserver(new Reference().setDisplay(observer))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type",
                        "4", "Application Server")));
        addEntities(fhir, event);
        return fhir;
    }

    private void addAgents(org.hl7.fhir.r4.model.AuditEvent fhir, AuditEvent event) {
        AuditAgent agent = event.agent();
        if (!agent.isAnonymous()) {
            AuditEventAgentComponent user = fhir.addAgent().setRequestor(true);
            user.setType(new CodeableConcept(userType(event.action())));
            Reference who = new Reference();
            agent.fhirUser().ifPresent(who::setReference);
            agent.subject().ifPresent(s -> who.setIdentifier(new Identifier()
                    .setSystem(agent.issuer().orElse(null)).setValue(s)));
            user.setWho(who);
            user.addPolicy(agent.jti().orElse(agent.tokenFingerprint().orElseThrow()));
        }
        AuditEventAgentComponent client = fhir.addAgent().setRequestor(agent.isAnonymous());
        client.setType(new CodeableConcept(new Coding(DCM, "110153", "Source Role ID")));
        client.setWho(new Reference().setIdentifier(new Identifier()
                .setValue(agent.clientId().orElse("unknown"))));
        event.sourceAddress().ifPresent(a -> client.getNetwork().setAddress(a)
                .setType(AuditEventAgentNetworkType._2));

        AuditEventAgentComponent server = fhir.addAgent().setRequestor(false);
        server.setType(new CodeableConcept(new Coding(DCM, "110152", "Destination Role ID")));
        server.setWho(new Reference().setDisplay(observer));
    }

    private void addEntities(org.hl7.fhir.r4.model.AuditEvent fhir, AuditEvent event) {
        event.patient().ifPresent(p -> fhir.addEntity().setWhat(new Reference(p))
                .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient")));
        if (event.resourceType().isPresent() && event.resourceId().isPresent()) {
            fhir.addEntity()
                    .setWhat(new Reference(event.resourceType().get() + "/"
                            + event.resourceId().get()))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
        }
        if (event.interaction().map(Interaction::isSearch).orElse(false)) {
            AuditEventEntityComponent query = fhir.addEntity()
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "24", "Query"));
            query.setQuery(queryText(event).getBytes(StandardCharsets.UTF_8));
            query.setDescription("parameters: " + String.join(",", event.queryParameterNames()));
        }
        addRequestEntity(fhir, event);
    }

    private static void addRequestEntity(org.hl7.fhir.r4.model.AuditEvent fhir, AuditEvent event) {
        AuditEventEntityComponent request = fhir.addEntity()
                .setType(new Coding(REQUEST_ID_TYPE, "XrequestId", "X-Request-Id"));
        request.setWhat(new Reference().setIdentifier(new Identifier()
                .setValue(event.requestId().orElse(event.id()))));
        event.httpStatus().ifPresent(s -> request.addDetail().setType("http-status")
                .setValue(new StringType(Integer.toString(s))));
        event.latency().ifPresent(l -> request.addDetail().setType("latency-ms")
                .setValue(new StringType(Long.toString(l.toMillis()))));
        event.userAgent().ifPresent(u -> request.addDetail().setType("user-agent")
                .setValue(new StringType(u)));
        if (event.entriesRemoved() > 0) {
            request.addDetail().setType("entries-removed").setValue(
                    new StringType(Integer.toString(event.entriesRemoved())));
        }
    }

    private static String queryText(AuditEvent event) {
        String type = event.resourceType().orElse("");
        List<QueryParameter> values = event.queryParameters();
        String query = values.isEmpty() ? String.join("&", event.queryParameterNames())
                : String.join("&", values.stream().map(p -> p.name() + "=" + p.value()).toList());
        return type + "?" + query;
    }

    private static Coding userType(AuditAction action) {
        if (action == AuditAction.READ || action == AuditAction.EXECUTE) {
            return new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                    "IRCP", "information recipient");
        }
        return new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "AGNT", "agent");
    }

    private static Optional<String> profile(AuditEvent event) {
        if (event.outcome() != AuditOutcome.SUCCESS || event.interaction().isEmpty()) {
            return Optional.empty();
        }
        Interaction i = event.interaction().get();
        String name = i.isSearch() ? "Query" : switch (i) {
            case READ, VREAD -> "Read";
            case CREATE -> "Create";
            case UPDATE, PATCH -> "Update";
            case DELETE -> "Delete";
            default -> null;
        };
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(BALP + (event.patient().isPresent() ? "Patient" : "") + name);
    }

    static String subtype(Interaction interaction) {
        return switch (interaction) {
            case SEARCH_COMPARTMENT -> "search";
            case OPERATION_SYSTEM, OPERATION_TYPE, OPERATION_INSTANCE -> "operation";
            default -> interaction.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }
}
