package io.fhirguard.request.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.RawRequest;
import io.fhirguard.request.RequestParserConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a {@link RawRequest} into a {@link FhirRequest}: limits first, then path and query,
 * then the body where the interaction needs it. Public only for
 * {@code FhirRequestParser.create}; not API. Thread-safe: immutable after construction.
 */
public final class RawRequestParser {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");
    private final int maxPathLength;
    private final int maxQueryLength;
    private final int maxFormBodyBytes;
    private final PathClassifier classifier;
    private final BundleReader bundles;

    /**
     * Creates a parser.
     *
     * @param config the settings
     */
    public RawRequestParser(RequestParserConfig config) {
        this.maxPathLength = config.maxPathLength();
        this.maxQueryLength = config.maxQueryLength();
        this.maxFormBodyBytes = config.maxFormBodyBytes();
        this.classifier = new PathClassifier(config.fhirContext().getResourceTypes());
        this.bundles = new BundleReader(config.fhirContext(), config.maxBundleBytes(),
                config.maxBundleEntries(), config.serverBases(), this::address);
    }

    /**
     * Parses the request.
     *
     * @param raw the request as received
     * @return the request
     * @throws FhirGuardException listing every problem found
     */
    public FhirRequest parse(RawRequest raw) {
        ProblemList problems = new ProblemList();

        Optional<FhirRequest> request = address(raw.method(), raw.rawPath(), raw.rawQuery(),
                problems).flatMap(addressed -> withBody(raw, addressed, problems));

        problems.throwIfAny();
        return request.orElseThrow(() -> FhirGuardException.of(Reason.INTERNAL_ERROR,
                "the request could not be parsed"));
    }

    private Optional<FhirRequest> withBody(RawRequest raw, Addressed addressed,
            ProblemList problems) {
        switch (addressed.target().body()) {
            case BUNDLE:
                return bundles.read(raw, addressed, problems);
            case FORM:
                return form(raw, problems).map(form -> {
                    List<QueryParameter> all = new ArrayList<>(addressed.parameters());
                    all.addAll(form);
                    return addressed.toRequest(all).build();
                });
            default:
                if (MediaTypes.isForm(raw.contentType()) && !READ_METHODS.contains(raw.method())) {
                    // HAPI FHIR's RestfulServer adds a form body's parameters to those of any
                    // POST, and Jetty to those of a PUT (a GET's body is ignored by both); only
                    // a _search body is read here, so a form anywhere else would carry
                    // parameters this parser never saw.
                    problems.add(Reason.REQUEST_UNSUPPORTED_MEDIA_TYPE, MediaTypes.FORM
                            + " is accepted only for a _search POST", "Content-Type");
                    return Optional.empty();
                }
                return Optional.of(addressed.toRequest(addressed.parameters()).build());
        }
    }

    /** Parses method, path and query, for a top-level request or a Bundle entry. */
    Optional<Addressed> address(String method, String rawPath, String rawQuery,
            ProblemList problems) {
        int mark = problems.mark();
        if (rawPath.length() > maxPathLength) {
            problems.add(Reason.REQUEST_PATH_TOO_LONG, "the path is longer than "
                    + maxPathLength + " characters", "path");
        }
        if (rawQuery != null && rawQuery.length() > maxQueryLength) {
            problems.add(Reason.REQUEST_QUERY_TOO_LONG, "the query string is longer than "
                    + maxQueryLength + " characters", "query");
        }
        if (problems.hasNewSince(mark)) {
            return Optional.empty();
        }

        Optional<List<String>> segments = PathSegments.decode(rawPath, problems);
        Optional<List<QueryParameter>> parameters =
                QueryStringParser.parse(rawQuery, "parameter", problems);
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        // Classify even when the query failed, so path problems are reported with it; a query
        // that failed to decode had content, so it counts as holding parameters.
        boolean hasParameters = parameters.map(list -> !list.isEmpty()).orElse(true);
        Optional<PathTarget> target = classifier.classify(method, segments.get(),
                hasParameters, problems);
        if (target.isEmpty() || parameters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Addressed(method, target.get(), parameters.get()));
    }

    private Optional<List<QueryParameter>> form(RawRequest raw, ProblemList problems) {
        byte[] body = raw.body();
        if (body == null || body.length == 0) {
            return Optional.of(List.of());
        }
        if (body.length > maxFormBodyBytes) {
            problems.add(Reason.REQUEST_BODY_TOO_LARGE, "the form body is larger than "
                    + maxFormBodyBytes + " bytes", "body");
            return Optional.empty();
        }
        if (!MediaTypes.utf8MediaType(raw.contentType()).filter(MediaTypes.FORM::equals)
                .isPresent()) {
            problems.add(Reason.REQUEST_UNSUPPORTED_MEDIA_TYPE, "a _search body must be "
                    + MediaTypes.FORM + " in UTF-8", "Content-Type");
            return Optional.empty();
        }
        // One char per byte: the decoder refuses every character above 0x7F as unescaped, so
        // no charset is guessed here; escaped bytes are decoded as strict UTF-8.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        return QueryStringParser.parse(text, "form", problems);
    }
}
