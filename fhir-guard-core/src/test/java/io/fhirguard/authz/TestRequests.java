package io.fhirguard.authz;

import io.fhirguard.request.CompartmentRef;
import io.fhirguard.request.FhirRequest;
import io.fhirguard.request.Interaction;
import io.fhirguard.request.QueryParameter;
import io.fhirguard.request.QueryParameters;
import io.fhirguard.token.AccessToken;
import io.fhirguard.token.CredentialKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Builds FhirRequests and tokens for decision tests from short lines such as
 * {@code GET Observation?subject=Patient/A}. Not a request parser: just enough shapes for tests.
 */
final class TestRequests {
    static final String FINGERPRINT = "ab".repeat(32);

    private TestRequests() {
    }

    static AccessToken token(String scopes, String patient) {
        return AccessToken.builder(CredentialKind.JWT, FINGERPRINT).jti("jti-1")
                .scopes(scopes.isEmpty() ? List.of() : List.of(scopes)).patient(patient).build();
    }

    static FhirRequest request(String line) {
        return request(line, null);
    }

    static FhirRequest request(String line, IBaseResource body) {
        int space = line.indexOf(' ');
        String method = line.substring(0, space);
        String target = line.substring(space + 1);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        QueryParameters params = q < 0 ? QueryParameters.empty() : query(target.substring(q + 1));
        String[] seg = path.isEmpty() ? new String[0] : path.split("/");
        FhirRequest.Builder b = shape(method, seg, !params.isEmpty());
        return b.parameters(params).body(body).build();
    }

    static QueryParameters query(String query) {
        List<QueryParameter> list = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            list.add(new QueryParameter(decode(pair.substring(0, eq)),
                    decode(pair.substring(eq + 1))));
        }
        return QueryParameters.of(list);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static FhirRequest.Builder shape(String method, String[] seg, boolean hasQuery) {
        if (seg.length == 0) {
            return FhirRequest.builder(method, Interaction.SEARCH_SYSTEM);
        }
        if (seg.length == 1 && seg[0].equals("metadata")) {
            return FhirRequest.builder(method, Interaction.CAPABILITIES);
        }
        if (seg.length == 1 && seg[0].equals("_history")) {
            return FhirRequest.builder(method, Interaction.HISTORY_SYSTEM);
        }
        if (seg[0].startsWith("$")) {
            return FhirRequest.builder(method, Interaction.OPERATION_SYSTEM).operation(seg[0]);
        }
        if (seg.length == 1) {
            return typeLevel(method, seg[0], hasQuery);
        }
        if (seg.length == 2) {
            return twoSegments(method, seg[0], seg[1]);
        }
        if (seg.length == 3 && seg[2].startsWith("$")) {
            return FhirRequest.builder(method, Interaction.OPERATION_INSTANCE)
                    .resourceType(seg[0]).id(seg[1]).operation(seg[2]);
        }
        if (seg.length == 3 && seg[2].equals("_history")) {
            return FhirRequest.builder(method, Interaction.HISTORY_INSTANCE).resourceType(seg[0])
                    .id(seg[1]);
        }
        if (seg.length == 4 && seg[2].equals("_history")) {
            return FhirRequest.builder(method, Interaction.VREAD).resourceType(seg[0])
                    .id(seg[1]).versionId(seg[3]);
        }
        return FhirRequest.builder(method, Interaction.SEARCH_COMPARTMENT).resourceType(seg[2])
                .compartment(new CompartmentRef(seg[0], seg[1]));
    }

    private static FhirRequest.Builder typeLevel(String method, String type, boolean hasQuery) {
        Interaction i = switch (method) {
            case "POST" -> Interaction.CREATE;
            case "PUT" -> Interaction.UPDATE;
            case "PATCH" -> Interaction.PATCH;
            case "DELETE" -> Interaction.DELETE;
            default -> Interaction.SEARCH_TYPE;
        };
        return FhirRequest.builder(method, i).resourceType(type);
    }

    private static FhirRequest.Builder twoSegments(String method, String type, String second) {
        if (second.equals("_search")) {
            return FhirRequest.builder(method, Interaction.SEARCH_TYPE).resourceType(type);
        }
        if (second.equals("_history")) {
            return FhirRequest.builder(method, Interaction.HISTORY_TYPE).resourceType(type);
        }
        if (second.startsWith("$")) {
            return FhirRequest.builder(method, Interaction.OPERATION_TYPE).resourceType(type)
                    .operation(second);
        }
        Interaction i = switch (method) {
            case "PUT" -> Interaction.UPDATE;
            case "PATCH" -> Interaction.PATCH;
            case "DELETE" -> Interaction.DELETE;
            default -> Interaction.READ;
        };
        return FhirRequest.builder(method, i).resourceType(type).id(second);
    }
}
