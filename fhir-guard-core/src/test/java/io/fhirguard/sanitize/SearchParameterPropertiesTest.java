package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.STRICT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SearchParameterPropertiesTest {
    private static final String PREFIXES = "eq ne gt lt ge le sa eb ap";
    private static final String INJECTED = "%'\"<>;\r\n\u0000";

    @Property(tries = 300)
    void generatedValidQueryPassesAndRoundTripsUnchanged(
            @ForAll("validObservationQueries") List<QueryParameter> query) {
        QueryParameters parameters = QueryParameters.of(query);

        SanitizedParameters result = STRICT.validate("Observation", parameters);

        assertThat(result.parameters()).isEqualTo(parameters);
        assertThat(result.warnings()).isEmpty();
    }

    @Property(tries = 300)
    void typedValueWithAnInjectedCharacterIsRefused(
            @ForAll("typedObservationParameters") QueryParameter valid,
            @ForAll @IntRange(min = 0, max = 8) int injected, @ForAll @IntRange(max = 60) int at) {
        String value = valid.value();
        int position = Math.min(at, value.length());
        String mutated = value.substring(0, position) + INJECTED.charAt(injected)
                + value.substring(position);
        QueryParameters parameters = QueryParameters.of(List.of(
                new QueryParameter(valid.name(), mutated)));

        assertThatThrownBy(() -> STRICT.validate("Observation", parameters))
                .isInstanceOf(FhirGuardException.class);
    }

    @Property(tries = 200)
    void dateWithADayPastTheEndOfItsMonthIsRefused(
            @ForAll @IntRange(min = 1, max = 9999) int year, @ForAll @IntRange(min = 1, max = 12)
            int month, @ForAll @IntRange(min = 1, max = 10) int pastEnd) {
        int day = java.time.YearMonth.of(year, month).lengthOfMonth() + pastEnd;
        String date = String.format("%04d-%02d-%02d", year, month, day);
        QueryParameters parameters = QueryParameters.of(List.of(
                new QueryParameter("date", date)));

        assertThatThrownBy(() -> STRICT.validate("Observation", parameters))
                .isInstanceOf(FhirGuardException.class);
    }

    @Property(tries = 500)
    void arbitraryInputRaisesNothingButARefusal(
            @ForAll("resourceTypes") String type,
            @ForAll @Size(max = 6) List<@From("names") String> names,
            @ForAll @Size(max = 6) List<String> values) {
        List<QueryParameter> list = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            list.add(new QueryParameter(names.get(i), i < values.size() ? values.get(i) : ""));
        }

        try {
            SanitizedParameters result = STRICT.validate(type, QueryParameters.of(list));
            assertThat(result.parameters().size()).isLessThanOrEqualTo(list.size());
        } catch (FhirGuardException refused) {
            assertThat(refused.problems()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<List<QueryParameter>> validObservationQueries() {
        Arbitrary<List<QueryParameter>> body = typedObservationParameters()
                .list().ofMinSize(1).ofMaxSize(8);
        Arbitrary<List<QueryParameter>> withText = Combinators.combine(body, stringParameter()
                .list().ofMaxSize(2)).as((a, b) -> {
                    List<QueryParameter> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
        return Combinators.combine(withText, Arbitraries.integers().between(-1, 100))
                .as((list, count) -> {
                    List<QueryParameter> all = new ArrayList<>(list);
                    if (count >= 0) {
                        all.add(new QueryParameter("_count", Integer.toString(count)));
                    }
                    return all;
                });
    }

    @Provide
    Arbitrary<QueryParameter> typedObservationParameters() {
        return Arbitraries.oneOf(reference(), token(), date(), quantity());
    }

    @Provide
    Arbitrary<String> resourceTypes() {
        return Arbitraries.oneOf(Arbitraries.of("Observation", "Patient", "Location",
                "ValueSet", "Encounter"), Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> known = Arbitraries.of("code", "date", "patient", "subject",
                "value-quantity", "_count", "_sort", "_include", "_revinclude", "_elements",
                "_format", "_summary", "_has:Observation:patient:code", "subject:Patient.name",
                "code:not", "code:of-type", "subject:Patient", "code-value-quantity", "near",
                "_id", "_list", "url", "name:exact", "_include:iterate", "patient.name");
        return Arbitraries.oneOf(known, Arbitraries.strings().ofMinLength(1).ofMaxLength(20));
    }

    private static Arbitrary<QueryParameter> reference() {
        return Combinators.combine(Arbitraries.of("", "Patient/"), ids(),
                Arbitraries.of("", "/_history/1", "/_history/22"))
                .as((type, id, history) -> new QueryParameter("patient",
                        type + id + (type.isEmpty() ? "" : history)));
    }

    private static Arbitrary<QueryParameter> token() {
        Arbitrary<String> system = Arbitraries.of("", "http://loinc.org|", "|",
                "urn:oid:2.16.840.1.113883.6.1|");
        Arbitrary<String> code = Arbitraries.strings().withCharRange('a', 'z')
                .withCharRange('0', '9').withChars('-', '.').ofMinLength(1).ofMaxLength(12);
        return Combinators.combine(Arbitraries.of("code", "category", "identifier"), system,
                code).as((name, s, c) -> new QueryParameter(name, s + c));
    }

    private static Arbitrary<QueryParameter> date() {
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 300_000)
                .map(n -> LocalDate.of(1800, 1, 1).plusDays(n));
        Arbitrary<String> prefix = Arbitraries.of(("- " + PREFIXES).split(" "))
                .map(p -> p.equals("-") ? "" : p);
        Arbitrary<String> time = Arbitraries.of("", "T00:00", "T23:59:59", "T12:30:00Z",
                "T08:15:00.250+02:00");
        return Combinators.combine(prefix, day, time)
                .as((p, d, t) -> new QueryParameter("date", p + d + t));
    }

    private static Arbitrary<QueryParameter> quantity() {
        Arbitrary<String> prefix = Arbitraries.of(("- " + PREFIXES).split(" "))
                .map(p -> p.equals("-") ? "" : p);
        Arbitrary<String> number = Arbitraries.doubles().between(-1e6, 1e6).ofScale(3)
                .map(d -> java.math.BigDecimal.valueOf(d).toPlainString());
        Arbitrary<String> unit = Arbitraries.of("", "|http://unitsofmeasure.org|mg", "||kg");
        return Combinators.combine(prefix, number, unit)
                .as((p, n, u) -> new QueryParameter("value-quantity", p + n + u));
    }

    private static Arbitrary<QueryParameter> stringParameter() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~')
                .excludeChars(',').ofMinLength(1).ofMaxLength(40);
        return text.map(t -> new QueryParameter("value-string", t));
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z')
                .withCharRange('0', '9').withChars('-').ofMinLength(1).ofMaxLength(64);
    }
}
