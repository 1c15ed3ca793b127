package io.fhirguard.token.internal;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import java.util.Base64;
import java.util.Map;

/**
 * A JWS compact serialization split and decoded strictly, before any key is involved: three
 * parts, base64url alphabet only (no padding), UTF-8, strict JSON objects.
 */
record JwsParts(String compact, Map<String, Object> header, Map<String, Object> claims,
        byte[] signature) {

    static JwsParts parse(String token, StrictJson json) {
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw FhirGuardException.of(Reason.TOKEN_ENCRYPTED,
                    "encrypted tokens (JWE) are not accepted");
        }
        if (parts.length != 3) {
            throw malformed("a JWS has three dot-separated parts");
        }
        for (int i = 0; i < 3; i++) {
            if (!isBase64Url(parts[i])) {
                throw malformed("part " + (i + 1) + " is not unpadded base64url");
            }
        }
        if (parts[0].isEmpty() || parts[1].isEmpty()) {
            throw malformed("the header and payload must not be empty");
        }
        Map<String, Object> header = object(parts[0], "header", json);
        if (header.containsKey("enc")) {
            throw FhirGuardException.of(Reason.TOKEN_ENCRYPTED,
                    "encrypted tokens (JWE) are not accepted");
        }
        Map<String, Object> claims = object(parts[1], "payload", json);
        return new JwsParts(token, header, claims, Base64.getUrlDecoder().decode(parts[2]));
    }

    private static Map<String, Object> object(String part, String name, StrictJson json) {
        try {
            return json.parseObject(Base64.getUrlDecoder().decode(part));
        } catch (StrictJson.JsonException e) {
            throw FhirGuardException.builder(Reason.TOKEN_MALFORMED,
                    "the " + name + " is " + e.getMessage()).cause(e).build();
        } catch (IllegalArgumentException e) {
            throw malformed("the " + name + " is not valid base64url");
        }
    }

    private static boolean isBase64Url(String s) {
        if (s.length() % 4 == 1) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static FhirGuardException malformed(String what) {
        return FhirGuardException.of(Reason.TOKEN_MALFORMED, "the token is malformed: " + what);
    }
}
