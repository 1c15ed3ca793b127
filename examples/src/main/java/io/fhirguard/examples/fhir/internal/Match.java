package io.fhirguard.examples.fhir.internal;

import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR search matching for the in-memory providers: AND of ORs for every parameter type, as
 * FHIR R4 search (3.1.1.4.x) defines it for repeated parameters and comma-separated values.
 */
final class Match {
    private Match() {
    }

    /** True when the resource's id equals one value of every {@code _id} group. */
    static boolean ids(TokenAndListParam param, Resource resource) {
        return all(param, token ->
                token.getValue() != null
                        && token.getValue().equals(resource.getIdElement().getIdPart()));
    }

    /** True when each group has a token matching one of the codings. */
    static boolean codes(TokenAndListParam param, Collection<CodeableConcept> concepts) {
        return all(param, token -> concepts.stream()
                .flatMap(c -> c.getCoding().stream())
                .anyMatch(coding -> tokenMatches(token, coding)));
    }

    /** True when each group has a token matching the coding. */
    static boolean coding(TokenAndListParam param, Coding coding) {
        return all(param, token -> tokenMatches(token, coding));
    }

    /** True when each group has a token equal to the code (a code, no system). */
    static boolean code(TokenAndListParam param, String code) {
        return all(param, token -> {
            rejectModifier(token);
            return code != null && code.equals(token.getValue());
        });
    }

    /** True when each group has a token matching one identifier (system|value). */
    static boolean identifiers(TokenAndListParam param, List<Identifier> identifiers) {
        return all(param, token -> identifiers.stream().anyMatch(id ->
                tokenMatches(token, new Coding(id.getSystem(), id.getValue(), null))));
    }

    /** True when each group has a string that starts one of the values, ignoring case. */
    static boolean strings(StringAndListParam param, List<String> values) {
        if (param == null) {
            return true;
        }
        for (StringOrListParam or : param.getValuesAsQueryTokens()) {
            boolean any = false;
            for (StringParam value : or.getValuesAsQueryTokens()) {
                String wanted = value.getValue().toLowerCase(Locale.ROOT);
                any |= values.stream().anyMatch(v -> value.isExact()
                        ? v.equals(value.getValue())
                        : v.toLowerCase(Locale.ROOT).startsWith(wanted));
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when each group has a reference naming the same target as one of the references.
     *
     * @param requiredType the type the parameter implies (such as Patient for {@code patient}),
     *     or null when the parameter allows several types
     */
    static boolean references(ReferenceAndListParam param, String requiredType,
            List<Reference> references) {
        if (param == null) {
            return true;
        }
        for (ReferenceOrListParam or : param.getValuesAsQueryTokens()) {
            boolean any = false;
            for (ReferenceParam wanted : or.getValuesAsQueryTokens()) {
                any |= references.stream().anyMatch(r -> referenceMatches(wanted, requiredType, r));
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** Same as {@link #references} for one reference. */
    static boolean reference(ReferenceAndListParam param, String requiredType, Reference ref) {
        return references(param, requiredType, List.of(ref));
    }

    /**
     * True when the value's time span overlaps the parameter's range (the approximate FHIR
     * semantics: a value matches {@code ge2015} when any part of it lies on or after 2015).
     */
    static boolean date(DateRangeParam param, Type value) {
        if (param == null || param.isEmpty()) {
            return true;
        }
        Date[] span = span(value);
        if (span == null) {
            return false;
        }
        Date lower = param.getLowerBoundAsInstant();
        Date upper = param.getUpperBoundAsInstant();
        return (lower == null || !span[1].before(lower))
                && (upper == null || !span[0].after(upper));
    }

    /** True when {@code meta.lastUpdated} lies in the range. */
    static boolean lastUpdated(DateRangeParam param, Resource resource) {
        if (param == null || param.isEmpty()) {
            return true;
        }
        Date updated = resource.getMeta().getLastUpdated();
        return updated != null && date(param, new DateTimeType(updated));
    }

    /** The start of a date, date-time or period, or the epoch when there is none. */
    static Date start(Type value) {
        Date[] span = span(value);
        return span == null ? new Date(0) : span[0];
    }

    private static Date[] span(Type value) {
        if (value instanceof DateTimeType dateTime && dateTime.getValue() != null) {
            return new Date[] {dateTime.getValue(), endOf(dateTime)};
        }
        if (value instanceof org.hl7.fhir.r4.model.DateType date && date.getValue() != null) {
            return new Date[] {date.getValue(), endOf(new DateTimeType(date.getValueAsString()))};
        }
        if (value instanceof Period period && period.getStart() != null) {
            Date end = period.getEnd() != null ? period.getEnd() : period.getStart();
            return new Date[] {period.getStart(), end};
        }
        return null;
    }

    /** The last millisecond covered by a date-time of its precision (a day for 2015-01-01). */
    private static Date endOf(DateTimeType value) {
        String text = value.getValueAsString();
        DateRangeParam range = new DateRangeParam(text, text);
        Date upper = range.getUpperBoundAsInstant();
        return upper != null ? upper : value.getValue();
    }

    private static boolean referenceMatches(ReferenceParam wanted, String requiredType,
            Reference actual) {
        if (wanted.getChain() != null) {
            throw new InvalidRequestException(
                    "Chained reference search is not supported by the example server.");
        }
        if (actual == null || actual.getReferenceElement().getIdPart() == null) {
            return false;
        }
        String actualType = actual.getReferenceElement().getResourceType();
        String wantedType = wanted.getResourceType() != null ? wanted.getResourceType()
                : requiredType;
        return wanted.getIdPart() != null
                && wanted.getIdPart().equals(actual.getReferenceElement().getIdPart())
                && (wantedType == null || wantedType.equals(actualType));
    }

    private static boolean tokenMatches(TokenParam token, Coding coding) {
        rejectModifier(token);
        String system = token.getSystem();
        String value = token.getValue();
        boolean systemOk = system == null
                || (system.isEmpty() ? !coding.hasSystem() : system.equals(coding.getSystem()));
        boolean codeOk = value == null || value.isEmpty() || value.equals(coding.getCode());
        return systemOk && codeOk;
    }

    private static void rejectModifier(TokenParam token) {
        if (token.getModifier() != null || token.isText()) {
            throw new InvalidRequestException(
                    "Token search modifiers are not supported by the example server.");
        }
    }

    private static boolean all(TokenAndListParam param, Predicate<TokenParam> test) {
        if (param == null) {
            return true;
        }
        for (TokenOrListParam or : param.getValuesAsQueryTokens()) {
            if (or.getValuesAsQueryTokens().stream().noneMatch(test)) {
                return false;
            }
        }
        return true;
    }
}
