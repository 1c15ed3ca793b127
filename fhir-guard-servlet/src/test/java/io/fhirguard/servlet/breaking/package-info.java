/**
 * Tests that break the servlet filter where the filter and the HAPI server behind it read one
 * request (or one response) differently.
 */
package io.fhirguard.servlet.breaking;
