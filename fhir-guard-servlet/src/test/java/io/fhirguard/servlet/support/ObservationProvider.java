package io.fhirguard.servlet.support;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/**
 * Serves Observations from a {@link ResourceStore}: read, and search by {@code _id},
 * {@code patient}, {@code subject}, {@code category} and {@code code}, with
 * {@code _include} of {@code Observation:subject}, {@code Observation:patient} and
 * {@code Observation:performer}.
 */
public final class ObservationProvider implements IResourceProvider {
    private final ResourceStore store;

    /**
     * Creates the provider.
     *
     * @param store where the observations are
     */
    public ObservationProvider(ResourceStore store) {
        this.store = store;
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    /**
     * Reads one observation.
     *
     * @param id the id
     * @return the observation
     */
    @Read
    public Observation read(@IdParam IdType id) {
        return (Observation) store.read("Observation", id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(id)).copy();
    }

    /**
     * Creates an observation with a new id.
     *
     * @param observation the resource sent
     * @return the outcome with the new id
     */
    @Create
    public MethodOutcome create(@ResourceParam Observation observation) {
        String id = "created-" + java.util.UUID.randomUUID();
        observation.setId("Observation/" + id);
        store.put(observation);
        return new MethodOutcome(new IdType("Observation", id), true);
    }

    /**
     * Updates an observation: by id, as a plain update does, or (without an id) by a
     * conditional URL, which here always creates a new observation.
     *
     * @param id the id, or null for a conditional update
     * @param observation the resource sent
     * @param conditionalUrl the conditional URL, or null
     * @return the outcome with the id written
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Observation observation,
            @ConditionalUrlParam String conditionalUrl) {
        String written = id != null && id.hasIdPart() ? id.getIdPart()
                : "created-" + java.util.UUID.randomUUID();
        observation.setId("Observation/" + written);
        store.put(observation);
        return new MethodOutcome(new IdType("Observation", written), id == null);
    }

    /**
     * Searches observations.
     *
     * @param id {@code _id}
     * @param patient {@code patient}
     * @param subject {@code subject}
     * @param category {@code category}
     * @param code {@code code}
     * @param includes {@code _include}
     * @return the matches, with included resources attached to their references
     */
    @Search
    public List<Observation> search(@OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "subject") ReferenceParam subject,
            @OptionalParam(name = "category") TokenParam category,
            @OptionalParam(name = "code") TokenParam code,
            @IncludeParam(allow = {"Observation:subject", "Observation:patient",
                "Observation:performer", "Observation:performer:Patient"})
            Set<Include> includes) {
        ReferenceParam who = patient != null ? patient : subject;
        String codeText = code == null ? null
                : code.getSystem() == null ? code.getValue()
                : code.getSystem() + "|" + code.getValue();
        List<Observation> out = new ArrayList<>();
        for (Observation o : store.observations(id == null ? null : id.getValue(),
                who == null ? null : who.getValue(), category == null ? null
                : category.getValue(), codeText)) {
            out.add(withIncludes(o.copy(), includes));
        }
        return out;
    }

    private Observation withIncludes(Observation o, Set<Include> includes) {
        if (includes == null) {
            return o;
        }
        for (Include include : includes) {
            String name = include.getParamName();
            if (name.equals("subject") || name.equals("patient")) {
                attach(o.getSubject());
            } else if (name.equals("performer")) {
                o.getPerformer().forEach(this::attach);
            }
        }
        return o;
    }

    private void attach(Reference reference) {
        String[] parts = reference.getReference() == null ? new String[0]
                : reference.getReference().split("/");
        if (parts.length == 2) {
            store.read(parts[0], parts[1]).ifPresent(r -> reference.setResource(r.copy()));
        }
    }
}
