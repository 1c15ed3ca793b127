package io.fhirguard.scope;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ScopeParserPropertiesTest {
    private static final ScopeParser PARSER = ScopeParser.create(FhirContext.forR4Cached());

    @Property(tries = 300)
    void anyTextParsesWithoutThrowingAndEitherParsesOrReportsProblems(
            @ForAll("scopeLike") String text) {
        ScopeSet set = PARSER.parse(text);

        if (!set.isValid()) {
            assertThat(set.problems()).isNotEmpty();
        }
        set.resourceScopes().forEach(s -> assertThat(PARSER.parseResourceScope(
                s.toScopeString())).contains(s));
    }

    @Property(tries = 200)
    void whitespaceAndRepetitionDoNotChangeTheResult(@ForAll("validScopes") List<String> scopes,
            @ForAll("separators") String separator) {
        ScopeSet plain = PARSER.parse(String.join(" ", scopes));
        ScopeSet messy = PARSER.parse(separator + String.join(separator, scopes) + separator
                + String.join(separator, scopes));

        assertThat(messy.resourceScopes()).isEqualTo(plain.resourceScopes());
        assertThat(messy.isValid()).isTrue();
    }

    @Provide
    Arbitrary<String> scopeLike() {
        Arbitrary<String> prefix = Arbitraries.of("patient/", "user/", "system/", "Patient/",
                "USER/", "", "launch/");
        Arbitrary<String> type = Arbitraries.of("Observation", "*", "Patient", "observation",
                "Nope", "");
        Arbitrary<String> perms = Arbitraries.of(".rs", ".read", ".write", ".*", ".cruds",
                ".sr", ".x", "", ".rs?category=laboratory", ".rs?category:not=x", ".rs?");
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(6)
                .withChars("ab ?=&|.:/*\t%");
        return net.jqwik.api.Combinators.combine(prefix, type, perms, noise)
                .as((p, t, s, n) -> p + t + s + n);
    }

    @Provide
    Arbitrary<List<String>> validScopes() {
        return Arbitraries.of("patient/Observation.rs", "user/*.read", "system/Patient.cud",
                "openid", "email", "launch/patient", "patient/Observation.rs?category=laboratory")
                .list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.strings().withChars(" \t").ofMinLength(1).ofMaxLength(4);
    }
}
