package io.fhirguard.request.internal;

import io.fhirguard.request.CompartmentRef;
import io.fhirguard.request.Interaction;

/**
 * What a method and path address, before parameters and body are added. Null fields are absent.
 *
 * @param interaction the interaction; {@link Interaction#BATCH} stands for "batch or
 *     transaction" until the Bundle's type is read
 * @param body which body the parser must read for this target
 */
record PathTarget(Interaction interaction, String resourceType, String id, String versionId,
        CompartmentRef compartment, String operation, BodyKind body) {

    /** The body a target needs parsed. */
    enum BodyKind {
        /** The body is not read. */
        NONE,
        /** A {@code _search} POST: an optional form body. */
        FORM,
        /** A POST to the base: a batch or transaction Bundle. */
        BUNDLE
    }

    static PathTarget of(Interaction interaction, String resourceType) {
        return new PathTarget(interaction, resourceType, null, null, null, null, BodyKind.NONE);
    }

    PathTarget withId(String newId) {
        return new PathTarget(interaction, resourceType, newId, versionId, compartment,
                operation, body);
    }

    PathTarget withVersionId(String newVersionId) {
        return new PathTarget(interaction, resourceType, id, newVersionId, compartment,
                operation, body);
    }

    PathTarget withCompartment(CompartmentRef newCompartment) {
        return new PathTarget(interaction, resourceType, id, versionId, newCompartment,
                operation, body);
    }

    PathTarget withOperation(String newOperation) {
        return new PathTarget(interaction, resourceType, id, versionId, compartment,
                newOperation, body);
    }

    PathTarget withBody(BodyKind newBody) {
        return new PathTarget(interaction, resourceType, id, versionId, compartment,
                operation, newBody);
    }
}
