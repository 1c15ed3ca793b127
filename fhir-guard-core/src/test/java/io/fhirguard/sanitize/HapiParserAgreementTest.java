package io.fhirguard.sanitize;

import static io.fhirguard.sanitize.Fixtures.STRICT;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.NumberParam;
import ca.uhn.fhir.rest.param.QuantityParam;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Uses HAPI's own search-parameter parsers as an oracle: whatever date, number or quantity the
 * sanitizer passes, HAPI parses to a value. The inputs are date-, number- and quantity-shaped
 * strings, many of them invalid, so both sides of the grammar get exercised.
 */
class HapiParserAgreementTest {

    @Property(tries = 300)
    void everyDateTheSanitizerPassesParsesInHapi(@ForAll("dateShapedValues") String value) {
        if (passes("Observation", "date", value)) {
            assertThat(new DateParam(value).getValue()).isNotNull();
        }
    }

    @Property(tries = 300)
    void everyNumberTheSanitizerPassesParsesInHapi(@ForAll("numberShapedValues") String value) {
        if (passes("RiskAssessment", "probability", value)) {
            assertThat(new NumberParam(value).getValue()).isNotNull();
        }
    }

    @Property(tries = 300)
    void everyQuantityTheSanitizerPassesParsesInHapi(@ForAll("quantityShapedValues") String value) {
        if (passes("Observation", "value-quantity", value)) {
            assertThat(new QuantityParam(value).getValue()).isNotNull();
        }
    }

    private static boolean passes(String type, String name, String value) {
        try {
            STRICT.validate(type, QueryParameters.of(List.of(new QueryParameter(name, value))));
            return true;
        } catch (FhirGuardException refused) {
            return false;
        }
    }

    @Provide
    Arbitrary<String> dateShapedValues() {
        Arbitrary<String> prefix = Arbitraries.of("", "eq", "ne", "gt", "lt", "ge", "le", "sa",
                "eb", "ap", "xx");
        Arbitrary<String> year = Arbitraries.integers().between(0, 9999)
                .map(y -> String.format("%04d", y));
        Arbitrary<String> month = Arbitraries.integers().between(0, 14)
                .map(m -> String.format("-%02d", m)).injectNull(0.2);
        Arbitrary<String> day = Arbitraries.integers().between(0, 32)
                .map(d -> String.format("-%02d", d)).injectNull(0.2);
        Arbitrary<String> time = Arbitraries.of("", "T00:00", "T23:59", "T24:00", "T10:15:30",
                "T10:15:60", "T10:15:30.123456789", "T10:15:30Z", "T10:15+14:00",
                "T10:15-14:30", "T10");
        return Combinators.combine(prefix, year, month, day, time).as((p, y, m, d, t) ->
                p + y + (m == null ? "" : m + (d == null ? "" : d + t)));
    }

    @Provide
    Arbitrary<String> numberShapedValues() {
        Arbitrary<String> prefix = Arbitraries.of("", "gt", "le", "ap", "zz");
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(6);
        Arbitrary<String> fraction = Arbitraries.of("", ".", ".5", ".125");
        Arbitrary<String> exponent = Arbitraries.of("", "e3", "E-2", "e+1", "e");
        return Combinators.combine(prefix, sign, digits, fraction, exponent)
                .as((p, s, d, f, e) -> p + s + d + f + e);
    }

    @Provide
    Arbitrary<String> quantityShapedValues() {
        Arbitrary<String> unit = Arbitraries.of("", "|http://unitsofmeasure.org|mg", "||kg", "|mg",
                "|a|b|c", "|http://unitsofmeasure.org|");
        return Combinators.combine(numberShapedValues(), unit).as((n, u) -> n + u);
    }
}
