package io.fhirguard.request.internal;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses an {@code application/x-www-form-urlencoded} string (a query string or a form body)
 * into ordered parameters, decoding each name and value exactly once with {@code +} as a space
 * (except, as in HAPI FHIR, in a text starting with {@code application/} and holding no
 * {@code %}).
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
     * Tells whether {@code +} means a space in this raw name or value. HAPI FHIR's
     * {@code UrlUtil.unescape} leaves a text starting with {@code application/} and holding no
     * {@code %} undecoded, so that {@code _format=application/fhir+json} keeps its {@code +};
     * reading it the same way keeps both sides on one value.
     */
    private static boolean isPlusASpace(String raw) {
        return !(raw.startsWith("application/") && raw.indexOf('%') < 0);
    }

    private static Optional<QueryParameter> parsePiece(String piece, String location,
            ProblemList problems) {
        int eq = piece.indexOf('=');
        String rawName = eq < 0 ? piece : piece.substring(0, eq);
        String rawValue = eq < 0 ? "" : piece.substring(eq + 1);

        Optional<String> name = PercentDecoder.decode(rawName, isPlusASpace(rawName), problems,
                location + " name");
        Optional<String> value = PercentDecoder.decode(rawValue, isPlusASpace(rawValue),
                problems, location + " value");
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
