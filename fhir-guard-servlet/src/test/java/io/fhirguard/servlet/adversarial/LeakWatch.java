package io.fhirguard.servlet.adversarial;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the suite-wide log capture before an adversarial class and, after it, asserts that
 * no token, secret or private-key text registered so far appears in any captured log line.
 */
final class LeakWatch implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Secrets.startCapture();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Secrets.assertAbsentFrom("the log lines captured up to the end of "
                + context.getDisplayName(), Secrets.logs());
    }
}
