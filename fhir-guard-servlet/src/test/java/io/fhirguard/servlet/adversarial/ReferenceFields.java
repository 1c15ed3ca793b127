package io.fhirguard.servlet.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** The reference search parameters the attacked server knows, and where they point. */
final class ReferenceFields {
    private static final Map<String, Set<String>> PARAMS = Map.of(
            "Observation", Set.of("subject", "patient", "performer", "encounter"),
            "Encounter", Set.of("subject", "patient"),
            "Patient", Set.of("link", "general-practitioner", "organization"));

    private ReferenceFields() {
    }

    static boolean isReference(String type, String param) {
        return PARAMS.getOrDefault(type, Set.of()).contains(param);
    }

    static List<Reference> of(Resource r, String param) {
        if (r instanceof Observation o) {
            return switch (param) {
                case "subject" -> List.of(o.getSubject());
                case "patient" -> patientOnly(o.getSubject());
                case "performer" -> o.getPerformer();
                case "encounter" -> List.of(o.getEncounter());
                default -> List.of();
            };
        }
        if (r instanceof Encounter e) {
            return switch (param) {
                case "subject" -> List.of(e.getSubject());
                case "patient" -> patientOnly(e.getSubject());
                default -> List.of();
            };
        }
        if (r instanceof Patient p) {
            return switch (param) {
                case "link" -> p.getLink().stream().map(Patient.PatientLinkComponent::getOther)
                        .toList();
                case "general-practitioner" -> p.getGeneralPractitioner();
                case "organization" -> List.of(p.getManagingOrganization());
                default -> List.of();
            };
        }
        return List.of();
    }

    static List<Reference> all(Resource r) {
        List<Reference> out = new ArrayList<>();
        PARAMS.getOrDefault(r.fhirType(), Set.of()).forEach(p -> out.addAll(of(r, p)));
        return out;
    }

    private static List<Reference> patientOnly(Reference ref) {
        return ref.getReference() != null && ref.getReference().startsWith("Patient/")
                ? List.of(ref) : List.of();
    }
}
