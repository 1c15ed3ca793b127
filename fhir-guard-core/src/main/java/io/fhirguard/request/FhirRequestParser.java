package io.fhirguard.request;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.internal.RawRequestParser;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the raw HTTP parts of a request into a checked {@link FhirRequest}, or refuses it with
 * every problem found. This is the one place fhir-guard decodes a path, query string or
 * {@code _search} form body, so what later checks see is exactly what was parsed here.
 *
 * <p>The FHIR R4 REST API ({@code http.html}, {@code search.html}, {@code operations.html}) is
 * recognised: read, vread, update, patch, delete, create, type/system/compartment search (also
 * as {@code POST .../_search} with a form body), instance/type/system history, capabilities
 * ({@code metadata}), batch and transaction, system/type/instance operations, and the
 * conditional update, patch and delete. Percent-decoding happens exactly once, strictly (a
 * malformed escape, a raw non-ASCII character or bytes that are not UTF-8 are refused);
 * {@code +} is a space in the query and form body and itself in the path. The rules, the
 * refusals and the limits are listed in {@code docs/request-model.md}.
 *
 * <p>Bodies are read only where they matter here: the form body of a {@code _search} POST
 * (joined after the query's parameters) and the Bundle of a batch or transaction, parsed with
 * HAPI's strict parser. The body of a create, update, patch or operation is not read, so
 * {@link FhirRequest#body()} is empty for them at the top level; inside a Bundle each entry
 * carries its resource.
 *
 * <p>Known shortcomings: a compartment search across all types ({@code Patient/1/*}), an
 * operation on a version ({@code Patient/1/_history/2/$meta}) and XML with a DOCTYPE are
 * refused; a conditional create ({@code entry.request.ifNoneExist}) is refused for every token,
 * because the server would answer with what its search found; {@code ifMatch} and the other
 * conditional headers of Bundle entries are not parsed; at most 100 problems are listed per
 * refusal.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 1.0
 */
public final class FhirRequestParser {
    private static final Logger log = LoggerFactory.getLogger(FhirRequestParser.class);

    private final RawRequestParser parser;

    private FhirRequestParser(RequestParserConfig config) {
        this.parser = new RawRequestParser(config);
    }

    /**
     * Creates a parser.
     *
     * @param config the settings
     * @return a thread-safe parser
     */
    public static FhirRequestParser create(RequestParserConfig config) {
        return new FhirRequestParser(Objects.requireNonNull(config, "config"));
    }

    /**
     * Parses one request.
     *
     * @param raw the raw method, base-relative encoded path, encoded query, content type and
     *     body
     * @return the parsed request
     * @throws FhirGuardException when anything is wrong; {@link FhirGuardException#problems()}
     *     lists every problem found (up to 100), each with a location such as {@code path[2]},
     *     {@code parameter[3] value} or {@code entry[1].request.url}; the primary reason is the
     *     first problem's. An unexpected failure inside the parser is refused with
     *     {@link Reason#INTERNAL_ERROR}, never passed.
     */
    public FhirRequest parse(RawRequest raw) {
        Objects.requireNonNull(raw, "raw");
        try {
            return parser.parse(raw);
        } catch (FhirGuardException e) {
            if (log.isDebugEnabled()) {
                log.debug("request refused: {} problem(s), reasons {}", e.problems().size(),
                        e.problems().stream().map(Problem::reason).map(Reason::code)
                                .distinct().toList());
            }
            throw e;
        } catch (RuntimeException e) {
            // Fail closed: a bug here must refuse the request, not let it through unparsed.
            log.error("request refused: parser failed unexpectedly ({}), reason {}",
                    e.getClass().getName(), Reason.INTERNAL_ERROR.code());
            throw FhirGuardException.builder(Reason.INTERNAL_ERROR,
                    "the request could not be parsed").cause(e).build();
        }
    }

    @Override
    public String toString() {
        return "FhirRequestParser";
    }
}
