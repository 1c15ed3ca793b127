package io.fhirguard.request.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.request.RawRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Bundle body of a {@code POST [base]} and turns it into a batch or transaction
 * request with one nested request per entry. Thread-safe: a new HAPI parser per call.
 */
final class BundleReader {
    private static final Logger log = LoggerFactory.getLogger(BundleReader.class);

    /** Parses the method, path and query of one entry, as for a top-level request. */
    @FunctionalInterface
    interface Addresser {
        Optional<Addressed> address(String method, String rawPath, String rawQuery,
                ProblemList problems);
    }

    private final FhirContext fhirContext;
    private final int maxBytes;
    private final int maxEntries;
    private final List<String> serverBases;
    private final Addresser addresser;

    BundleReader(FhirContext fhirContext, int maxBytes, int maxEntries, List<String> serverBases,
            Addresser addresser) {
        this.fhirContext = fhirContext;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.serverBases = List.copyOf(serverBases);
        this.addresser = addresser;
    }

    /**
     * Reads the batch or transaction; every entry is checked, so all bad entries are reported.
     *
     * @return the request, or empty when any problem was recorded
     */
    Optional<FhirRequest> read(RawRequest raw, Addressed addressed, ProblemList problems) {
        Optional<Bundle> bundle = parseBundle(raw, problems);
        if (bundle.isEmpty()) {
            return Optional.empty();
        }
        Optional<Interaction> interaction = interaction(bundle.get(), problems);
        if (interaction.isEmpty()) {
            return Optional.empty();
        }
        List<Bundle.BundleEntryComponent> entries = bundle.get().getEntry();
        if (entries.size() > maxEntries) {
            problems.add(Reason.REQUEST_TOO_MANY_ENTRIES, "the Bundle has " + entries.size()
                    + " entries; at most " + maxEntries + " are allowed", "Bundle.entry");
            return Optional.empty();
        }

        int mark = problems.mark();
        List<FhirRequest> requests = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            entry(entries.get(i), "entry[" + i + "]", problems).ifPresent(requests::add);
        }
        if (problems.hasNewSince(mark)) {
            return Optional.empty();
        }
        return Optional.of(FhirRequest.builder(addressed.method(), interaction.get())
                .parameters(QueryParameters.of(addressed.parameters()))
                .entries(requests).body(bundle.get()).build());
    }

    private Optional<Bundle> parseBundle(RawRequest raw, ProblemList problems) {
        byte[] body = raw.body();
        if (body == null || body.length == 0) {
            problems.add(Reason.REQUEST_BAD_BUNDLE, "a batch or transaction needs a Bundle body",
                    "body");
            return Optional.empty();
        }
        if (body.length > maxBytes) {
            problems.add(Reason.REQUEST_BODY_TOO_LARGE, "the Bundle is larger than " + maxBytes
                    + " bytes", "body");
            return Optional.empty();
        }
        Optional<MediaTypes.Format> format = MediaTypes.bundleFormat(raw.contentType());
        if (format.isEmpty()) {
            problems.add(Reason.REQUEST_UNSUPPORTED_MEDIA_TYPE, "a batch or transaction must be "
                    + "FHIR JSON or FHIR XML in UTF-8", "Content-Type");
            return Optional.empty();
        }
        Optional<String> text = utf8(body, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        // FHIR XML never uses a DTD; refusing one up front keeps entity expansion (external
        // entities, "billion laughs") away from the XML parser whatever its settings.
        if (format.get() == MediaTypes.Format.XML && (text.get().contains("<!DOCTYPE")
                || text.get().contains("<!ENTITY"))) {
            problems.add(Reason.REQUEST_BAD_BUNDLE, "XML with a document type declaration is "
                    + "not accepted", "body");
            return Optional.empty();
        }
        return parse(format.get(), text.get(), problems);
    }

    private Optional<Bundle> parse(MediaTypes.Format format, String text,
            ProblemList problems) {
        IParser parser = format == MediaTypes.Format.JSON ? fhirContext.newJsonParser()
                : fhirContext.newXmlParser();
        // Strict: an unknown element or invalid value is a refusal rather than something this
        // parser skips and the server behind might read.
        parser.setParserErrorHandler(new StrictErrorHandler());
        IBaseResource resource;
        try {
            resource = parser.parseResource(text);
        } catch (RuntimeException e) {
            // HAPI's messages quote the offending content, which may be patient data, so
            // neither the message nor the exception is kept; the class name is enough to tell
            // a syntax error from a bug.
            log.debug("batch/transaction refused: body does not parse ({}), reason {}",
                    e.getClass().getSimpleName(), Reason.REQUEST_BAD_BUNDLE.code());
            problems.add(Reason.REQUEST_BAD_BUNDLE, "the body is not a valid FHIR " + format
                    + " resource", "body");
            return Optional.empty();
        }
        if (!(resource instanceof Bundle)) {
            problems.add(Reason.REQUEST_BAD_BUNDLE, "the body is not a Bundle", "body");
            return Optional.empty();
        }
        return Optional.of((Bundle) resource);
    }

    private static Optional<Interaction> interaction(Bundle bundle, ProblemList problems) {
        if (bundle.getType() == Bundle.BundleType.BATCH) {
            return Optional.of(Interaction.BATCH);
        }
        if (bundle.getType() == Bundle.BundleType.TRANSACTION) {
            return Optional.of(Interaction.TRANSACTION);
        }
        problems.add(Reason.REQUEST_BAD_BUNDLE, "Bundle.type must be batch or transaction",
                "Bundle.type");
        return Optional.empty();
    }

    private Optional<FhirRequest> entry(Bundle.BundleEntryComponent entry, String at,
            ProblemList problems) {
        int mark = problems.mark();
        IBaseResource resource = entry.getResource();
        if (isBatchOrTransaction(resource)) {
            problems.add(Reason.REQUEST_NESTED_BUNDLE,
                    "an entry may not hold a batch or transaction Bundle", at + ".resource");
        }
        if (!entry.hasRequest()) {
            problems.add(Reason.REQUEST_BAD_BUNDLE_ENTRY, "the entry has no request",
                    at + ".request");
            return Optional.empty();
        }
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        if (!request.hasMethod() || request.getMethod() == Bundle.HTTPVerb.NULL) {
            problems.add(Reason.REQUEST_BAD_BUNDLE_ENTRY, "the entry has no request.method",
                    at + ".request.method");
        }
        if (request.hasIfNoneExist()) {
            // The server would run this search for the client and answer with what it found,
            // the matching resource's id or content included, whoever it belongs to.
            problems.add(Reason.REQUEST_CONDITIONAL_CREATE_UNSUPPORTED, "conditional create"
                    + " (ifNoneExist) is not supported", at + ".request.ifNoneExist");
        }
        Optional<String> url = relativeUrl(request, at + ".request.url", problems);
        if (url.isEmpty() || problems.hasNewSince(mark)) {
            return Optional.empty();
        }

        String method = request.getMethod().toCode();
        Optional<Addressed> addressed = address(method, url.get(), at + ".request.url",
                problems);
        if (addressed.isEmpty()) {
            return Optional.empty();
        }
        if (addressed.get().target().body() == PathTarget.BodyKind.BUNDLE) {
            problems.add(Reason.REQUEST_NESTED_BUNDLE, "an entry may not be a batch or "
                    + "transaction (a POST to the base)", at + ".request.url");
            return Optional.empty();
        }
        if (!matchesUrlType(addressed.get().target(), resource)) {
            // A transaction processor creates or updates an entry's resource under the
            // resource's own type, so the URL's type, which the checks see, must be the same.
            problems.add(Reason.REQUEST_BAD_BUNDLE_ENTRY, "the resource's type differs from "
                    + "the resource type of request.url", at + ".resource");
            return Optional.empty();
        }
        return Optional.of(addressed.get().toRequest(addressed.get().parameters())
                .body(resource).build());
    }

    private static boolean matchesUrlType(PathTarget target, IBaseResource resource) {
        boolean writesResource = target.interaction() == Interaction.CREATE
                || target.interaction() == Interaction.UPDATE;
        return !writesResource || resource == null
                || resource.fhirType().equals(target.resourceType());
    }

    private Optional<Addressed> address(String method, String url, String at,
            ProblemList problems) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? null : url.substring(q + 1);
        return addresser.address(method, path, query, problems.nested(at));
    }

    private Optional<String> relativeUrl(Bundle.BundleEntryRequestComponent request, String at,
            ProblemList problems) {
        String url = request.getUrl();
        if (url == null || url.isEmpty()) {
            problems.add(Reason.REQUEST_BAD_BUNDLE_ENTRY, "the entry has no request.url", at);
            return Optional.empty();
        }
        if (url.indexOf('#') >= 0) {
            problems.add(Reason.REQUEST_BAD_BUNDLE_ENTRY, "request.url may not hold a fragment",
                    at);
            return Optional.empty();
        }
        if (!BaseUrls.isAbsolute(url)) {
            return Optional.of(url);
        }
        Optional<String> relative = BaseUrls.relativize(url, serverBases);
        if (relative.isEmpty()) {
            problems.add(Reason.REQUEST_FOREIGN_BASE, "the absolute URL is not under this "
                    + "server's base", at);
        }
        return relative;
    }

    private static boolean isBatchOrTransaction(IBaseResource resource) {
        return resource instanceof Bundle b && (b.getType() == Bundle.BundleType.BATCH
                || b.getType() == Bundle.BundleType.TRANSACTION);
    }

    private static Optional<String> utf8(byte[] body, ProblemList problems) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            problems.add(Reason.REQUEST_NOT_UTF8, "the body is not valid UTF-8", "body");
            return Optional.empty();
        }
    }
}
