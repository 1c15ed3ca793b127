package io.fhirguard.sanitize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.util.ArrayList;
import java.util.List;

/** Small factories shared by the sanitizer tests. The validators are immutable. */
final class Fixtures {
    static final SearchParameterValidator STRICT =
            SearchParameterValidator.create(config().build());
    static final SearchParameterValidator LENIENT = SearchParameterValidator.create(config()
            .unknownParameterMode(UnknownParameterMode.LENIENT).build());

    private Fixtures() {
    }

    static SanitizerConfig.Builder config() {
        return SanitizerConfig.builder().fhirContext(FhirContext.forR4Cached());
    }

    /** Parameters from {@code name=value} pairs, split at the first {@code =} only. */
    static QueryParameters query(String... pairs) {
        List<QueryParameter> list = new ArrayList<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            list.add(new QueryParameter(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return QueryParameters.of(list);
    }

    static FhirGuardException refusal(SearchParameterValidator validator, String type,
            QueryParameters parameters) {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class,
                () -> validator.validate(type, parameters));
        assertThat(e).as("expected a refusal").isNotNull();
        return e;
    }

    /** Asserts the search on Observation is refused with this primary reason and status 400. */
    static FhirGuardException refusedOnObservation(Reason reason, String... pairs) {
        FhirGuardException e = refusal(STRICT, "Observation", query(pairs));
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.status()).isEqualTo(400);
        return e;
    }

    /** Asserts the search passes and comes back exactly as sent. */
    static void passesUnchanged(String type, String... pairs) {
        SanitizedParameters result = STRICT.validate(type, query(pairs));

        assertThat(result.parameters()).isEqualTo(query(pairs));
        assertThat(result.warnings()).isEmpty();
    }

    static List<Reason> reasons(List<Problem> problems) {
        return problems.stream().map(Problem::reason).toList();
    }
}
