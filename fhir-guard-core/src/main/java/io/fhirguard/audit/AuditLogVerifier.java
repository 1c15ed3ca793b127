package io.fhirguard.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fhirguard.audit.internal.AuditJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Checks the hash chain of a JSON-lines audit file written by {@link JsonLinesAuditSink} and
 * names the first broken record.
 *
 * <p>Run it as {@code java -cp fhir-guard-core.jar:... io.fhirguard.audit.AuditLogVerifier
 * audit.jsonl}. Exit status 0: the chain is intact; 1: it is broken (the line number, event id
 * and what is wrong are printed); 2: usage error or unreadable file.
 *
 * <p>Detects an edited line (its hash no longer matches), a deleted, inserted or moved line (the
 * next line's {@code prevHash} no longer matches). It cannot detect lines cut off the end, or a
 * tail rewritten with fresh hashes; compare the last hash with one kept elsewhere for that.
 *
 * @since 1.0
 */
public final class AuditLogVerifier {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private AuditLogVerifier() {
    }

    /**
     * Checks a file.
     *
     * @param file the JSON-lines file
     * @return the result
     * @throws IOException when the file cannot be read
     */
    public static Result verify(Path file) throws IOException {
        return verify(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * Checks lines already read.
     *
     * @param lines the lines, first first; a trailing empty line is ignored
     * @return the result
     */
    public static Result verify(List<String> lines) {
        String previous = AuditJson.GENESIS;
        int count = lines.size();
        if (count > 0 && lines.get(count - 1).isEmpty()) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            String line = lines.get(i);
            Optional<String> problem = check(line, previous);
            if (problem.isPresent()) {
                return Result.broken(i + 1, idOf(line), problem.get(), i);
            }
            previous = line.substring(line.length() - 66, line.length() - 2);
        }
        return Result.intact(count, previous);
    }

    /**
     * Checks the file named by the only argument and prints the result; exits with 0 (intact),
     * 1 (broken) or 2 (usage or read error).
     *
     * @param args one path
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: AuditLogVerifier <audit.jsonl>");
            return 2;
        }
        Result result;
        try {
            result = verify(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
        out.println(result);
        return result.isIntact() ? 0 : 1;
    }

    private static Optional<String> check(String line, String expectedPrevious) {
        int hashAt = line.length() - 66 - AuditJson.HASH_MEMBER.length();
        if (hashAt < 1 || !line.startsWith(AuditJson.HASH_MEMBER, hashAt)
                || !line.endsWith("\"}")
                || !HASH.matcher(line.substring(line.length() - 66, line.length() - 2)).matches()) {
            return Optional.of("the line carries no hash");
        }
        String content = line.substring(0, hashAt) + "}";
        String hash = line.substring(line.length() - 66, line.length() - 2);
        JsonNode prev;
        try {
            prev = AuditJson.mapper().readTree(content).get("prevHash");
        } catch (IOException e) {
            return Optional.of("the line is not valid JSON");
        }
        if (prev == null || !prev.asText().equals(expectedPrevious)) {
            return Optional.of("prevHash does not match the previous record's hash"
                    + " (a record was deleted, inserted or moved)");
        }
        if (!AuditJson.chainHash(expectedPrevious, content).equals(hash)) {
            return Optional.of("the content does not match its hash (the record was edited)");
        }
        return Optional.empty();
    }

    private static String idOf(String line) {
        try {
            JsonNode id = AuditJson.mapper().readTree(line).get("id");
            return id == null ? "?" : id.asText();
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * The outcome of a verification. Immutable.
     *
     * @since 1.0
     */
    public static final class Result {
        private final boolean intact;
        private final int records;
        private final int brokenLine;
        private final String brokenId;
        private final String problem;
        private final String headHash;

        private Result(boolean intact, int records, int brokenLine, String brokenId,
                String problem, String headHash) {
            this.intact = intact;
            this.records = records;
            this.brokenLine = brokenLine;
            this.brokenId = brokenId;
            this.problem = problem;
            this.headHash = headHash;
        }

        static Result intact(int records, String headHash) {
            return new Result(true, records, 0, null, null, headHash);
        }

        static Result broken(int line, String id, String problem, int goodRecords) {
            return new Result(false, goodRecords, line, id, problem, null);
        }

        /**
         * Tells whether every line checked out.
         *
         * @return true when the chain is intact
         */
        public boolean isIntact() {
            return intact;
        }

        /**
         * Returns how many records checked out before the first broken one (all, when intact).
         *
         * @return the count
         */
        public int records() {
            return records;
        }

        /**
         * Returns the 1-based line number of the first broken record.
         *
         * @return the line, or empty when intact
         */
        public OptionalInt firstBrokenLine() {
            return intact ? OptionalInt.empty() : OptionalInt.of(brokenLine);
        }

        /**
         * Returns the event id of the first broken record, {@code ?} when unreadable.
         *
         * @return the id, or empty when intact
         */
        public Optional<String> firstBrokenId() {
            return Optional.ofNullable(brokenId);
        }

        /**
         * Returns what is wrong with the first broken record.
         *
         * @return the problem, or empty when intact
         */
        public Optional<String> problem() {
            return Optional.ofNullable(problem);
        }

        /**
         * Returns the hash of the last record, to compare with a copy kept elsewhere.
         *
         * @return 64 hex characters, or empty when broken
         */
        public Optional<String> headHash() {
            return Optional.ofNullable(headHash);
        }

        /**
         * Describes the result in one line, as {@link AuditLogVerifier#main} prints it.
         *
         * @return the description
         */
        @Override
        public String toString() {
            return intact ? "intact: " + records + " records, head hash " + headHash
                    : "broken at line " + brokenLine + " (id " + brokenId + "): " + problem;
        }
    }
}
