package io.fhirguard.sanitize.internal;

import io.fhirguard.refusal.Reason;

/**
 * One thing wrong with one parameter, before it gets a location and becomes a
 * {@link io.fhirguard.refusal.Problem}. The description never holds the value itself: values
 * may identify a patient.
 *
 * @param reason the reason code
 * @param description what is wrong, safe to show the client
 */
record Finding(Reason reason, String description) {
}
