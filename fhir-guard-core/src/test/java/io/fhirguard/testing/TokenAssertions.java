package io.fhirguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fhirguard.refusal.BearerError;
import io.fhirguard.refusal.FhirGuardException;
import io.fhirguard.refusal.IssueType;
import io.fhirguard.refusal.Reason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on token refusals, shared by the modules' tests. */
public final class TokenAssertions {
    private TokenAssertions() {
    }

    /**
     * Asserts a 401 {@code invalid_token} refusal with this primary reason, whose message does
     * not contain the token.
     *
     * @param call the validation
     * @param reason the expected primary reason
     * @param token the raw token, which must not leak into the message
     * @return the refusal, for further checks
     */
    public static FhirGuardException assertInvalidToken(ThrowingCallable call, Reason reason,
            String token) {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class, call);
        assertThat(e).as("refusal").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.bearerError()).contains(BearerError.INVALID_TOKEN);
        assertThat(e.getMessage()).doesNotContain(token);
        return e;
    }

    /**
     * Asserts a 503 transient refusal with a Retry-After.
     *
     * @param call the validation
     * @param reason the expected reason
     * @return the refusal
     */
    public static FhirGuardException assertUnavailable(ThrowingCallable call, Reason reason) {
        FhirGuardException e = catchThrowableOfType(FhirGuardException.class, call);
        assertThat(e).as("refusal").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.issueType()).isEqualTo(IssueType.TRANSIENT);
        assertThat(e.retryAfter()).isPresent();
        assertThat(e.bearerError()).isEmpty();
        return e;
    }
}
