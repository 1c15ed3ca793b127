package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date search grammar (FHIR R4 §3.1.1.5.2 and §2.24.0.3): an optional prefix, then a date or
 * dateTime at any precision from year to fractions of a second, with an optional time zone. The
 * calendar is checked too: no month 13, no 30 February, no hour 24.
 */
final class DateGrammar {
    static final String PREFIXES = "eq|ne|gt|lt|ge|le|sa|eb|ap";
    private static final Pattern DATE = Pattern.compile("(?:" + PREFIXES + ")?"
            + "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})"
            + "(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?"
            + "(Z|[+-](\\d{2}):(\\d{2}))?)?)?)?");

    private DateGrammar() {
    }

    static Optional<Finding> check(String value) {
        Matcher m = DATE.matcher(value);
        if (!m.matches()) {
            return bad("is not [prefix]YYYY[-MM[-DD[Thh:mm[:ss[.f]][zone]]]]");
        }
        int year = Integer.parseInt(m.group(1));
        if (year == 0) {
            return bad("has year 0000");
        }
        if (m.group(2) != null && !isCalendarDate(year, m.group(2), m.group(3))) {
            return bad("is not a real calendar date");
        }
        if (m.group(4) != null && !isClockTime(m.group(4), m.group(5), m.group(6))) {
            return bad("is not a real time of day");
        }
        if (m.group(8) != null && !isZone(m.group(8), m.group(9))) {
            return bad("has a time zone offset outside -14:00..+14:00");
        }
        return Optional.empty();
    }

    private static boolean isCalendarDate(int year, String month, String day) {
        int mm = Integer.parseInt(month);
        if (mm < 1 || mm > 12) {
            return false;
        }
        if (day == null) {
            return true;
        }
        int dd = Integer.parseInt(day);
        return dd >= 1 && dd <= YearMonth.of(year, mm).lengthOfMonth();
    }

    private static boolean isClockTime(String hour, String minute, String second) {
        return Integer.parseInt(hour) <= 23 && Integer.parseInt(minute) <= 59
                && (second == null || Integer.parseInt(second) <= 59);
    }

    private static boolean isZone(String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        return m <= 59 && (h < 14 || (h == 14 && m == 0));
    }

    private static Optional<Finding> bad(String what) {
        return Optional.of(new Finding(Reason.PARAM_INVALID_DATE, "The date value " + what + "."));
    }
}
