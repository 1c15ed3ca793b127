package io.fhirguard.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A Bundle entry with ifNoneExist (conditional create) is refused, never passed unchecked. */
class ConditionalCreateRefusalTest {

    @Test
    void entryWithIfNoneExistIsRefusedWithItsLocation() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{"
                + "\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"text\":\"x\"}},\"request\":{\"method\":\"POST\",\"url\":"
                + "\"Observation\",\"ifNoneExist\":\"subject=Patient/other&_id=1\"}}]}";
        FhirRequestParser parser = FhirRequestParser.create(RequestParserConfig.builder()
                .build());

        FhirGuardException e = catchThrowableOfType(FhirGuardException.class, () -> parser
                .parse(new RawRequest("POST", "", null, "application/fhir+json",
                        bundle.getBytes(StandardCharsets.UTF_8))));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.REQUEST_CONDITIONAL_CREATE_UNSUPPORTED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.location())
                .contains("entry[0].request.ifNoneExist"));
    }
}
