package io.fhirguard.examples.oauthflow;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.fhirguard.examples.auth.EmbeddedAuthorizationServer;
import io.fhirguard.examples.demo.DemoHttp;
import io.fhirguard.examples.demo.DemoTokens;
import io.fhirguard.examples.demo.Exchange;
import io.fhirguard.examples.demo.HeadlessLogin;
import io.fhirguard.examples.fhir.ExampleFhirServer;
import io.fhirguard.examples.fhir.SyntheaLoader;
import io.fhirguard.examples.server.LocalServer;
import java.net.URI;
import java.time.Clock;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The patient app against the embedded authorization server and a plain example FHIR server
 * (the security of the FHIR side is covered by the demo and gateway tests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientAppTest {
    private static final String PATIENT = "b4a36fff-6981-496a-a0d3-b274dd4b363a";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private LocalServer fhir;
    private EmbeddedAuthorizationServer auth;
    private PatientApp app;

    @BeforeAll
    void start() {
        fhir = LocalServer.start(0, context -> context.addServlet(new ServletHolder(
                new ExampleFhirServer(FHIR, SyntheaLoader.create(FHIR, Clock.systemUTC())
                        .loadBundled())), "/fhir/*"));
        auth = EmbeddedAuthorizationServer.start(0, fhir.uri("/fhir").toString(), true);
        app = PatientApp.start(0, fhir.uri("/fhir"), auth.issuer(), "patient-app");
    }

    @AfterAll
    void stop() {
        app.close();
        auth.close();
        fhir.close();
    }

    @Test
    void signedInPatientSeesOwnObservationsAndNoTokenReachesTheBrowser() {
        DemoHttp browser = DemoHttp.browser();

        Exchange login = browser.get(app.home().resolve("login"), null);
        URI callback = HeadlessLogin.signIn(browser, URI.create(login.header("Location")
                .orElseThrow()), "fabian", DemoTokens.patientClaims(PATIENT));
        Exchange afterCallback = browser.get(callback, null);
        Exchange home = browser.get(app.home(), null);

        assertThat(afterCallback.status()).isEqualTo(302);
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).containsPattern("data-count=\"[1-9]\\d*\"");
        assertThat(home.body()).doesNotContain("eyJ");
        assertThat(home.header("Cache-Control")).contains("no-store");
        assertThat(home.header("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void loginRedirectUsesPkceS256AndSetsAnHttpOnlySameSiteLaxSessionCookie() {
        Exchange login = DemoHttp.browser().get(app.home().resolve("login"), null);

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location").orElseThrow())
                .startsWith(auth.authorizationEndpoint().toString())
                .contains("code_challenge_method=S256").contains("state=");
        assertThat(login.header("Set-Cookie").orElseThrow())
                .contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContain("Secure");
    }

    @Test
    void callbackWhoseStateWasNotIssuedToThisBrowserIs400() {
        DemoHttp victim = DemoHttp.browser();
        DemoHttp attacker = DemoHttp.browser();
        Exchange attackerLogin = attacker.get(app.home().resolve("login"), null);
        URI attackerCallback = HeadlessLogin.signIn(attacker, URI.create(attackerLogin
                .header("Location").orElseThrow()), "mallory", DemoTokens.patientClaims(PATIENT));
        victim.get(app.home().resolve("login"), null);

        Exchange planted = victim.get(attackerCallback, null);

        assertThat(planted.status()).isEqualTo(400);
        assertThat(victim.get(app.home(), null).body()).contains("not signed in");
    }

    @Test
    void pageEscapesWhatItShows() {
        assertThat(Html.escape("<script>alert('x')</script>&\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }
}
