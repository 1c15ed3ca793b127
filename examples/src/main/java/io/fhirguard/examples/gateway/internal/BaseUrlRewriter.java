package io.fhirguard.examples.gateway.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Replaces the upstream server's base URL with the gateway's in Bundle links, entry full URLs and
 * location headers, so clients never learn or call the upstream address.
 */
public final class BaseUrlRewriter {
    private final FhirContext fhirContext;
    private final String upstreamBase;
    private final String publicBase;

    /**
     * Creates a rewriter.
     *
     * @param fhirContext the R4 context
     * @param upstreamBase the upstream base URL, without a trailing slash
     * @param publicBase the gateway base URL, without a trailing slash
     */
    public BaseUrlRewriter(FhirContext fhirContext, String upstreamBase, String publicBase) {
        this.fhirContext = fhirContext;
        this.upstreamBase = upstreamBase;
        this.publicBase = publicBase;
    }

    /**
     * Rewrites one absolute URL when it starts with the upstream base.
     *
     * @param url the URL, such as a {@code Location} header value
     * @return the rewritten URL, or the input when it is not under the upstream base
     */
    public String rewriteUrl(String url) {
        if (url == null) {
            return null;
        }
        if (url.equals(upstreamBase) || url.startsWith(upstreamBase + "/")
                || url.startsWith(upstreamBase + "?")) {
            return publicBase + url.substring(upstreamBase.length());
        }
        return url;
    }

    /**
     * Rewrites a response body when it is a FHIR Bundle in JSON or XML; other bodies pass as
     * they are.
     *
     * @param body the upstream body
     * @param contentType the upstream {@code Content-Type}, may be null
     * @return the body to send
     */
    public byte[] rewriteBody(byte[] body, String contentType) {
        IParser parser = parser(contentType);
        if (parser == null || body.length == 0) {
            return body;
        }
        IBaseResource resource;
        try {
            resource = parser.parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            return body;
        }
        if (!(resource instanceof Bundle bundle)) {
            return body;
        }
        bundle.getLink().forEach(link -> link.setUrl(rewriteUrl(link.getUrl())));
        bundle.getEntry().forEach(entry -> {
            if (entry.hasFullUrl()) {
                entry.setFullUrl(rewriteUrl(entry.getFullUrl()));
            }
        });
        return parser.encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    }

    private IParser parser(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return fhirContext.newJsonParser();
        }
        if (type.contains("xml")) {
            return fhirContext.newXmlParser();
        }
        return null;
    }
}
