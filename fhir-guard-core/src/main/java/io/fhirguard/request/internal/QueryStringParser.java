package io.fhirguard.request.internal;

import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses an {@code application/x-www-form-urlencoded} string (a query string or a form body)
 * into ordered parameters, decoding each name and value exactly once with {@code +} as a space.
 * Empty pieces ({@code a=1&&b=2}, a trailing {@code &}) carry nothing and are skipped; a piece
 * without {@code =} is a name with an empty value.
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

    private static Optional<QueryParameter> parsePiece(String piece, String location,
            ProblemList problems) {
        int eq = piece.indexOf('=');
        String rawName = eq < 0 ? piece : piece.substring(0, eq);
        String rawValue = eq < 0 ? "" : piece.substring(eq + 1);

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
