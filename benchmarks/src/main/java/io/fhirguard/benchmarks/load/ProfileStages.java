package io.fhirguard.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a Java Flight Recorder file of a load run and splits the CPU samples of the secured
 * server's own work (inside {@code FhirGuardFilter} but outside HAPI) by pipeline stage, so a
 * secured/bare ratio below target comes with the stages that cost it.
 *
 * <p>Record with {@code java -XX:FlightRecorderOptions:stackdepth=512
 * -XX:StartFlightRecording=filename=load.jfr,settings=profile -cp benchmarks.jar
 * io.fhirguard.benchmarks.load.LoadRun ...}, then run this class with the file. Samples are
 * attributed to the innermost fhir-guard stage on the stack.
 */
public final class ProfileStages {
    private static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("audit", List.of("io.fhirguard.audit.", "AuditRecorder"));
        STAGES.put("token validation", List.of("io.fhirguard.token."));
        STAGES.put("rate limit", List.of("io.fhirguard.ratelimit."));
        STAGES.put("request parser", List.of("io.fhirguard.request."));
        STAGES.put("sanitizer", List.of("io.fhirguard.sanitize."));
        STAGES.put("authorization and scopes",
                List.of("io.fhirguard.authz.", "io.fhirguard.scope."));
        STAGES.put("credential fingerprint", List.of("GuardPipeline.sha256"));
        STAGES.put("headers and CORS", List.of("SecurityHeaders", "CorsPolicy"));
        STAGES.put("bearer header", List.of("BearerCredentialResolver"));
    }

    private ProfileStages() {
    }

    /**
     * Prints the split.
     *
     * @param args the {@code .jfr} file
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int all = 0;
        int hapi = 0;
        int own = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || e.getStackTrace() == null) {
                continue;
            }
            all++;
            List<String> frames = e.getStackTrace().getFrames().stream()
                    .map(ProfileStages::name).toList();
            boolean inFilter = frames.stream().anyMatch(f -> f.contains("FhirGuardFilter.doFilter"));
            boolean inHapi = frames.stream().anyMatch(f -> f.contains("RestfulServer."));
            if (inHapi) {
                hapi++;
            }
            if (inFilter && !inHapi) {
                own++;
                counts.merge(stage(frames), 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "profile: %d CPU samples, %d in HAPI (both servers),"
                + " %d in fhir-guard's own work%n", all, hapi, own);
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).toList();
        for (Map.Entry<String, Integer> c : sorted) {
            System.out.printf(Locale.ROOT, "profile stage %-26s %5d samples %5.1f%%%n", c.getKey(),
                    c.getValue(), 100.0 * c.getValue() / Math.max(1, own));
        }
    }

    private static String stage(List<String> frames) {
        for (String frame : frames) {
            for (Map.Entry<String, List<String>> s : STAGES.entrySet()) {
                if (s.getValue().stream().anyMatch(frame::contains)) {
                    return s.getKey();
                }
            }
        }
        return "filter and wrappers";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
