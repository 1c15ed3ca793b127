package io.fhirguard.token.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Problem;
import io.fhirguard.refusal.Reason;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads claims (JWT or introspection members) into an AccessToken, listing every problem. */
final class Claims {
    /** NumericDate values past 9999-12-31 are refused as impossible. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private final Map<String, Object> map;
    private final List<Problem> problems;

    Claims(Map<String, Object> map, List<Problem> problems) {
        this.map = map;
        this.problems = problems;
    }

    String string(String name) {
        Object v = map.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        invalid(name, "must be a string");
        return null;
    }

    Instant time(String name) {
        Object v = map.get(name);
        if (v == null) {
            return null;
        }
        BigDecimal seconds = v instanceof Long l ? BigDecimal.valueOf(l)
                : v instanceof BigInteger b ? new BigDecimal(b)
                : v instanceof BigDecimal d ? d : null;
        if (seconds == null) {
            invalid(name, "must be a number of seconds (NumericDate)");
            return null;
        }
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECOND)) > 0) {
            invalid(name, "is out of range");
            return null;
        }
        return Instant.ofEpochSecond(seconds.longValue());
    }

    List<String> audience() {
        Object v = map.get("aud");
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        List<String> out = stringList(v);
        if (out == null) {
            invalid("aud", "must be a string or an array of strings");
            return List.of();
        }
        return out;
    }

    List<String> scopes() {
        Object scope = map.get("scope");
        if (scope instanceof String s) {
            return Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).toList();
        }
        if (scope != null) {
            invalid("scope", "must be a space-separated string");
            return List.of();
        }
        Object scp = map.get("scp");
        if (scp instanceof String s) {
            return Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).toList();
        }
        List<String> list = scp == null ? List.of() : stringList(scp);
        if (list == null) {
            invalid("scp", "must be a string or an array of strings");
            return List.of();
        }
        return list;
    }

    List<String> roles(String path) {
        Object v = map;
        for (String part : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return List.of();
            }
            v = m.get(part);
        }
        if (v instanceof String s) {
            return Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).toList();
        }
        List<String> list = v == null ? List.of() : stringList(v);
        if (list == null) {
            invalid(path, "must be a string or an array of strings");
            return List.of();
        }
        return list;
    }

    List<Map<String, Object>> fhirContext() {
        Object v = map.get("fhirContext");
        if (v == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> m)) {
                    invalid("fhirContext", "must be an array of objects");
                    return List.of();
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, val) -> {
                    if (val != null) {
                        copy.put((String) k, val);
                    }
                });
                out.add(copy);
            }
            return out;
        }
        invalid("fhirContext", "must be an array of objects");
        return List.of();
    }

    /** Checks exp (required when asked), nbf and iat against now with the skew. */
    void checkTimes(Instant now, Duration skew, boolean expRequired) {
        Instant exp = time("exp");
        Instant nbf = time("nbf");
        Instant iat = time("iat");
        if (map.get("exp") == null && expRequired) {
            problems.add(Problem.error(Reason.TOKEN_CLAIM_MISSING, "the exp claim is required"));
        } else if (exp != null && !now.isBefore(exp.plus(skew))) {
            problems.add(Problem.error(Reason.TOKEN_EXPIRED, "the token has expired"));
        }
        if (nbf != null && nbf.isAfter(now.plus(skew))) {
            problems.add(Problem.error(Reason.TOKEN_NOT_YET_VALID,
                    "the token is not valid yet (nbf)"));
        }
        if (iat != null && iat.isAfter(now.plus(skew))) {
            problems.add(Problem.error(Reason.TOKEN_ISSUED_IN_FUTURE,
                    "the token was issued in the future (iat)"));
        }
    }

    void checkAudience(List<String> expected) {
        boolean present = map.containsKey("aud");
        List<String> aud = audience();
        if (!present) {
            problems.add(Problem.error(Reason.TOKEN_AUDIENCE_MISMATCH,
                    "the aud claim is required"));
        } else if (aud.stream().noneMatch(expected::contains)) {
            problems.add(Problem.error(Reason.TOKEN_AUDIENCE_MISMATCH,
                    "the token is not meant for this server (aud)"));
        }
    }

    void require(String... names) {
        for (String name : names) {
            if (map.get(name) == null) {
                problems.add(Problem.error(Reason.TOKEN_CLAIM_MISSING,
                        "the " + name + " claim is required"));
            }
        }
    }

    AccessToken toToken(CredentialKind kind, String fingerprint, String roleClaim) {
        String clientId = string("client_id");
        return AccessToken.builder(kind, fingerprint)
                .issuer(string("iss"))
                .subject(string("sub"))
                .audience(audience())
                .clientId(clientId != null ? clientId : string("azp"))
                .scopes(scopes())
                .issuedAt(time("iat"))
                .expiresAt(time("exp"))
                .jti(string("jti"))
                .patient(string("patient"))
                .encounter(string("encounter"))
                .fhirUser(string("fhirUser"))
                .fhirContext(fhirContext())
                .roles(roles(roleClaim))
                .claims(map)
                .build();
    }

    private void invalid(String name, String what) {
        Problem p = Problem.error(Reason.TOKEN_CLAIM_INVALID, "the " + name + " claim " + what);
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    private static List<String> stringList(Object v) {
        if (!(v instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    /** Throws a refusal listing every problem, the first one primary. */
    static FhirGuardException refusal(List<Problem> problems) {
        Problem first = problems.get(0);
        return FhirGuardException.builder(first.reason(), first.description())
                .problems(problems).build();
    }
}
