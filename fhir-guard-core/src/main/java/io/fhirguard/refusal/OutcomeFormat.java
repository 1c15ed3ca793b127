package io.fhirguard.refusal;

import java.util.Locale;
import java.util.Optional;

/**
 * The wire formats a refusal can be rendered in.
 *
 * @since 1.0
 */
public enum OutcomeFormat {
    /** FHIR JSON, {@code application/fhir+json}. The default. */
    JSON("application/fhir+json"),
    /** FHIR XML, {@code application/fhir+xml}. */
    XML("application/fhir+xml");

    private final String contentType;

    OutcomeFormat(String contentType) {
        this.contentType = contentType;
    }

    /**
     * Returns the media type to send in {@code Content-Type}, without a charset parameter.
     *
     * @return the media type
     */
    public String contentType() {
        return contentType;
    }

    /**
     * Chooses a format from a {@code _format} parameter value and an {@code Accept} header, as
     * FHIR's REST rules do: {@code _format} wins; XML only when one of them asks for XML and no
     * earlier choice asked for JSON. Anything unrecognised gives JSON, so a refusal can always
     * be rendered.
     *
     * @param formatParameter the {@code _format} value, or {@code null}
     * @param accept the {@code Accept} header, or {@code null}
     * @return the format to render in
     */
    public static OutcomeFormat choose(String formatParameter, String accept) {
        Optional<OutcomeFormat> fromParameter = fromText(formatParameter, true);
        if (fromParameter.isPresent()) {
            return fromParameter.get();
        }
        return fromText(accept, false).orElse(JSON);
    }

    private static Optional<OutcomeFormat> fromText(String text, boolean shortForms) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.toLowerCase(Locale.ROOT);
        int xml = indexOfAny(t, "application/fhir+xml", "application/xml", "text/xml");
        int json = indexOfAny(t, "application/fhir+json", "application/json", "text/json");
        if (shortForms) {
            xml = t.trim().equals("xml") ? 0 : xml;
            json = t.trim().equals("json") ? 0 : json;
        }
        if (xml >= 0 && (json < 0 || xml < json)) {
            return Optional.of(XML);
        }
        return json >= 0 ? Optional.of(JSON) : Optional.empty();
    }

    private static int indexOfAny(String text, String... needles) {
        int best = -1;
        for (String needle : needles) {
            int i = text.indexOf(needle);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
