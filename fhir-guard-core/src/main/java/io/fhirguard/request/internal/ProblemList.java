package io.fhirguard.request.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems found while parsing one request, so that the refusal lists all of them.
 * A nested view adds a location prefix (for example {@code entry[2].request.url}) and shares
 * the list. Not thread-safe: one per parse.
 */
final class ProblemList {
    /**
     * Caps the problems kept: a 8 KiB query of bad escapes, or a Bundle of 1,000 bad entries,
     * would otherwise produce an OperationOutcome of thousands of issues.
     */
    static final int MAX_PROBLEMS = 100;

    private final List<Problem> problems;
    private final String prefix;

    ProblemList() {
        this(new ArrayList<>(), "");
    }

    private ProblemList(List<Problem> problems, String prefix) {
        this.problems = problems;
        this.prefix = prefix;
    }

    /** Returns a view that adds {@code prefix} before every location and shares this list. */
    ProblemList nested(String location) {
        return new ProblemList(problems, locate(location));
    }

    void add(Reason reason, String description, String location) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(Problem.error(reason, description, locate(location)));
        }
    }

    /** Returns a mark to pass to {@link #hasNewSince(int)}. */
    int mark() {
        return problems.size();
    }

    boolean hasNewSince(int mark) {
        return problems.size() > mark;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws a refusal listing every problem, the first one as the primary reason. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw FhirGuardException.builder(first.reason(), first.description())
                    .problems(problems).build();
        }
    }

    private String locate(String location) {
        if (prefix.isEmpty()) {
            return location;
        }
        return location.isEmpty() ? prefix : prefix + " " + location;
    }
}
