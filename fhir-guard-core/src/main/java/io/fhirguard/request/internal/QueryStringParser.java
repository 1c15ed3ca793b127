package io.fhirguard.request.internal;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses an {@code application/x-www-form-urlencoded} string (a query string or a form body)
 * into ordered parameters, decoding each name and value exactly once with {@code +} as a space.
 * A raw {@code +} in a name or value that starts with {@code application/} and holds no
 * {@code %} is refused: HAPI FHIR keeps that {@code +} and a servlet container does not.
 * Empty pieces ({@code a=1&&b=2}, a trailing {@code &}) carry nothing and are skipped; a piece
 * without {@code =} is a name with an empty value. A string starting with {@code ?} is refused,
 * since HAPI FHIR drops that {@code ?} and a plain decoder keeps it.
 */
final class QueryStringParser {
    private QueryStringParser() {
    }

    /**
     * Parses {@code raw}; every piece is checked, so one call reports all bad pieces.
     *
     * @param label the location label, {@code parameter} or {@code form}; problems are at
     *     {@code label[i] name} or {@code label[i] value}, i counting pieces from 0
     * @return the parameters in order, or empty when any problem was recorded
     */
    static Optional<List<QueryParameter>> parse(String raw, String label,
            ProblemList problems) {
        List<QueryParameter> parameters = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return Optional.of(parameters);
        }

        // HAPI FHIR's UrlUtil.parseQueryString drops one leading '?' (so a request line with
        // "??name=x" reaches its search as "name"), where a plain decoder keeps "?name". The
        // two readings disagree about the first parameter's name, so neither is chosen.
        if (raw.startsWith("?")) {
            problems.add(Reason.REQUEST_AMBIGUOUS_PARAMETER, "the " + label + " string starts "
                    + "with '?', which servers read differently", label + "[0] name");
            return Optional.empty();
        }

        int mark = problems.mark();
        String[] pieces = raw.split("&", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (!pieces[i].isEmpty()) {
                parsePiece(pieces[i], label + "[" + i + "]", problems)
                        .ifPresent(parameters::add);
            }
        }
        return problems.hasNewSince(mark) ? Optional.empty() : Optional.of(parameters);
    }

    /**
     * Tells whether {@code +} in this raw name or value is read two ways behind the filter.
     * HAPI FHIR's {@code UrlUtil.unescape} (used for a GET query and a form body) leaves a text
     * that starts with {@code application/} and holds no {@code %} undecoded, so
     * {@code application/fhir+json} keeps its {@code +}; a servlet container (whose parameters
     * HAPI uses for other methods) reads the same {@code +} as a space.
     */
    private static boolean isAmbiguousPlus(String raw) {
        return raw.startsWith("application/") && raw.indexOf('%') < 0 && raw.indexOf('+') >= 0;
    }

    private static Optional<QueryParameter> parsePiece(String piece, String location,
            ProblemList problems) {
        int eq = piece.indexOf('=');
        String rawName = eq < 0 ? piece : piece.substring(0, eq);
        String rawValue = eq < 0 ? "" : piece.substring(eq + 1);

        if (isAmbiguousPlus(rawName) || isAmbiguousPlus(rawValue)) {
            problems.add(Reason.REQUEST_AMBIGUOUS_PARAMETER, "a '+' in a text starting with "
                    + "'application/' is read as '+' or as a space depending on the server; "
                    + "write it as %2B or %20", location + (isAmbiguousPlus(rawName) ? " name"
                    : " value"));
            return Optional.empty();
        }
        Optional<String> name = PercentDecoder.decode(rawName, true, problems,
                location + " name");
        Optional<String> value = PercentDecoder.decode(rawValue, true, problems,
                location + " value");
        if (name.isPresent() && name.get().isEmpty()) {
            problems.add(Reason.REQUEST_EMPTY_PARAMETER_NAME, "parameter has an empty name",
                    location + " name");
            return Optional.empty();
        }
        if (name.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QueryParameter(name.get(), value.get()));
    }
}
