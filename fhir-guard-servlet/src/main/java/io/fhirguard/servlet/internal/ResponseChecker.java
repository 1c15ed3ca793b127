package io.fhirguard.servlet.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.fhirguard.authz.ResponseCheck;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Applies a {@link ResponseCheck} to a buffered response body: a search or history Bundle loses
 * the entries the caller may not see, a single resource the caller may not see becomes a 404,
 * and a body that cannot be parsed as FHIR is refused (fail closed).
 *
 * <p>Known limits: only 2xx answers with a body are checked, so a server's 410 Gone (with its
 * {@code Location}) for another patient's deleted resource passes as it is; and a resource
 * thinned by {@code _elements} or {@code _summary} to lose the references that show whose it
 * is counts as invisible (404) or unparseable (502), even when it is the caller's own.
 */
final class ResponseChecker {
    /** The result: the bytes to send, and how many resources were removed. */
    record Checked(byte[] body, int removed) {
    }

    private final FhirContext context;

    ResponseChecker(FhirContext context) {
        this.context = context;
    }

    /**
     * Checks a successful response body.
     *
     * @param body the bytes the server wrote
     * @param contentType the server's content type
     * @param encoding the server's character encoding, or {@code null}
     * @param check the check to apply
     * @return the bytes to send and the number removed
     * @throws FhirGuardException {@code response-uncheckable} (502) when the body is not FHIR
     *     JSON or XML, {@code response-not-visible} (404) for an invisible single resource
     */
    Checked check(byte[] body, String contentType, String encoding, ResponseCheck check) {
        IParser parser = parserFor(contentType);
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        IBaseResource resource;
        try {
            resource = parser.parseResource(new String(body, charset));
        } catch (DataFormatException | ClassCastException e) {
            throw FhirGuardException.builder(Reason.RESPONSE_UNCHECKABLE,
                    "The server's response could not be checked").cause(e).build();
        }
        if (resource instanceof Bundle bundle) {
            return checkBundle(body, bundle, parser, charset, check);
        }
        if (!check.isVisible(resource)) {
            throw FhirGuardException.of(Reason.RESPONSE_NOT_VISIBLE,
                    "The resource was not found");
        }
        return new Checked(body, 0);
    }

    private Checked checkBundle(byte[] body, Bundle bundle, IParser parser, Charset charset,
            ResponseCheck check) {
        boolean hadTotal = bundle.hasTotal();
        int removed = check.filter(bundle);
        if (removed == 0) {
            return new Checked(body, 0);
        }
        // A complete result (no next page) can be counted again; a paged one cannot.
        boolean complete = bundle.getLink(Bundle.LINK_NEXT) == null;
        if (hadTotal && complete && bundle.getType() == Bundle.BundleType.SEARCHSET) {
            bundle.setTotal((int) bundle.getEntry().stream().filter(e -> !e.hasSearch()
                    || e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).count());
        }
        return new Checked(parser.encodeResourceToString(bundle).getBytes(charset), removed);
    }

    /**
     * Adds the sanitizer's warnings to a search result as an {@code OperationOutcome} entry with
     * {@code search.mode = outcome} (FHIR R4 §3.1.1.4), so the client learns what was changed
     * or dropped. A body that is no Bundle is returned unchanged.
     *
     * @param body the response bytes
     * @param contentType the content type
     * @param encoding the character encoding, or {@code null}
     * @param warnings the warnings as an outcome
     * @return the bytes to send
     */
    byte[] addWarnings(byte[] body, String contentType, String encoding,
            org.hl7.fhir.r4.model.OperationOutcome warnings) {
        IParser parser = parserFor(contentType);
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        IBaseResource resource;
        try {
            resource = parser.parseResource(new String(body, charset));
        } catch (DataFormatException e) {
            throw FhirGuardException.builder(Reason.RESPONSE_UNCHECKABLE,
                    "The server's response could not be checked").cause(e).build();
        }
        if (!(resource instanceof Bundle bundle)) {
            return body;
        }
        bundle.addEntry().setResource(warnings).getSearch()
                .setMode(Bundle.SearchEntryMode.OUTCOME);
        return parser.encodeResourceToString(bundle).getBytes(charset);
    }

    private IParser parserFor(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return context.newJsonParser();
        }
        if (type.contains("xml")) {
            return context.newXmlParser();
        }
        throw FhirGuardException.of(Reason.RESPONSE_UNCHECKABLE,
                "The server's response could not be checked");
    }
}
