package io.fhirguard.examples.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.net.http.HttpHeaders;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One HTTP exchange the demo made, with helpers to count what came back.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the response body as text
 * @since 1.0
 */
public record Exchange(int status, HttpHeaders headers, String body) {

    /**
     * Counts the resources returned: the {@code match} entries of a search Bundle, 1 for a
     * single resource other than an OperationOutcome, 0 otherwise.
     *
     * @param fhirContext the R4 context
     * @return the count
     */
    public int matches(FhirContext fhirContext) {
        Optional<IBaseResource> resource = parse(fhirContext);
        if (resource.isEmpty() || status >= 300) {
            return 0;
        }
        if (resource.get() instanceof Bundle bundle) {
            return (int) bundle.getEntry().stream()
                    .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)
                    .count();
        }
        return resource.get().fhirType().equals("OperationOutcome") ? 0 : 1;
    }

    /**
     * Counts the returned resources that belong to a patient: the Patient itself or a resource
     * whose {@code subject} or {@code patient} points at it.
     *
     * @param fhirContext the R4 context
     * @param patientId the patient's id
     * @return the count, 0 when the body is not FHIR
     */
    public int belongingTo(FhirContext fhirContext, String patientId) {
        Optional<IBaseResource> resource = parse(fhirContext);
        if (resource.isEmpty() || status >= 300) {
            return 0;
        }
        if (resource.get() instanceof Bundle bundle) {
            return (int) bundle.getEntry().stream()
                    .filter(e -> belongs(fhirContext, e.getResource(), patientId)).count();
        }
        return belongs(fhirContext, (Resource) resource.get(), patientId) ? 1 : 0;
    }

    /**
     * Returns one response header.
     *
     * @param name the header name
     * @return its first value, or empty
     */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    private Optional<IBaseResource> parse(FhirContext fhirContext) {
        if (body == null || body.isBlank() || !body.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(fhirContext.newJsonParser().parseResource(body));
        } catch (DataFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean belongs(FhirContext fhirContext, Resource resource, String patientId) {
        if (resource == null) {
            return false;
        }
        if (resource.fhirType().equals("Patient")) {
            return patientId.equals(resource.getIdElement().getIdPart());
        }
        return fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)
                .stream()
                .anyMatch(r -> "Patient".equals(r.getReferenceElement().getResourceType())
                        && patientId.equals(r.getReferenceElement().getIdPart()));
    }
}
