package io.fhirguard.request.internal;

import io.fhirguard.refusal.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a base-relative, still-encoded path at {@code /} and decodes each segment once,
 * refusing the segment shapes that let a path mean one thing here and another at the server
 * behind: empty segments, {@code .} and {@code ..} (raw or encoded), and an encoded {@code /}
 * or any {@code \}.
 */
final class PathSegments {
    private PathSegments() {
    }

    /**
     * Decodes the segments of {@code rawPath}; the empty path (the base itself) has none.
     * Every segment is checked, so one call reports all bad segments.
     *
     * @return the decoded segments, or empty when any problem was recorded
     */
    static Optional<List<String>> decode(String rawPath, ProblemList problems) {
        if (rawPath.isEmpty()) {
            return Optional.of(List.of());
        }

        int mark = problems.mark();
        String[] raw = rawPath.split("/", -1);
        List<String> segments = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            decodeSegment(raw[i], problems, "path[" + i + "]").ifPresent(segments::add);
        }
        return problems.hasNewSince(mark) ? Optional.empty() : Optional.of(segments);
    }

    private static Optional<String> decodeSegment(String raw, ProblemList problems,
            String location) {
        if (raw.isEmpty()) {
            problems.add(Reason.REQUEST_EMPTY_SEGMENT,
                    "empty path segment (a doubled, leading or trailing '/')", location);
            return Optional.empty();
        }
        if (raw.indexOf('\\') >= 0) {
            problems.add(Reason.REQUEST_ENCODED_SEPARATOR, "path segment holds a '\\'",
                    location);
            return Optional.empty();
        }

        Optional<String> decoded = PercentDecoder.decode(raw, false, problems, location);
        if (decoded.isEmpty()) {
            return decoded;
        }
        String segment = decoded.get();
        if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
            problems.add(Reason.REQUEST_ENCODED_SEPARATOR,
                    "path segment holds an encoded '/' or '\\'", location);
            return Optional.empty();
        }
        if (segment.equals(".") || segment.equals("..")) {
            problems.add(Reason.REQUEST_DOT_SEGMENT,
                    "path segment is '.' or '..' (raw or percent-encoded)", location);
            return Optional.empty();
        }
        return decoded;
    }
}
